using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using ClusterSip.Registrar.Location;

namespace ClusterSip.Registrar.Sharding;

/// <summary>
/// The location service of the cluster: one <see cref="AorActor"/> per address-of-record, sharded over the nodes,
/// remembered so that a node that takes over a shard restarts its records (and their expiry timers) at once.
/// Every call is asynchronous: a route awaits the answer without blocking its thread.
/// </summary>
public sealed class LocationService
{
    public const string TypeName = "registrar";

    private const int Shards = 100;

    private static readonly Config ShardingOverrides = ConfigurationFactory.ParseString("""
        remember-entities = on
        remember-entities-store = eventsourced
        passivate-idle-entity-after = off
        """);

    private readonly ActorSystem _system;

    private LocationService(ActorSystem system, IActorRef region, TimeSpan askTimeout)
    {
        _system = system;
        Region = region;
        AskTimeout = askTimeout;
    }

    public IActorRef Region { get; }

    public TimeSpan AskTimeout { get; }

    public static LocationService Start(ActorSystem system, RegistrarPolicy policy, UsrlocStatistics statistics, TimeSpan askTimeout)
    {
        var config = ShardingOverrides.WithFallback(system.Settings.Config.GetConfig("akka.cluster.sharding"));
        var region = ClusterSharding.Get(system).Start(
            TypeName,
            aor => AorActor.Props(aor, policy, statistics),
            ClusterShardingSettings.Create(config, system.Settings.Config.GetConfig("akka.cluster.singleton")),
            new AorMessageExtractor(Shards));
        return new LocationService(system, region, askTimeout);
    }

    public Task<RegisterOutcome> Register(RegisterCommand command, CancellationToken cancellationToken = default) =>
        Region.Ask<RegisterOutcome>(command, AskTimeout, cancellationToken);

    public Task<AorBindings> Lookup(string aor, CancellationToken cancellationToken = default) =>
        Region.Ask<AorBindings>(new LookupBindings(aor), AskTimeout, cancellationToken);

    public Task<BindingsRemoved> Remove(string aor, CancellationToken cancellationToken = default) =>
        Region.Ask<BindingsRemoved>(new RemoveBindings(aor), AskTimeout, cancellationToken);

    /// <summary>The address-of-records that have bindings, across the cluster (each node's region lists the records it hosts), sorted.</summary>
    public async Task<IReadOnlyList<string>> Records(CancellationToken cancellationToken = default)
    {
        var members = Cluster.Get(_system).State.Members.Where(m => m.Status == MemberStatus.Up).ToList();
        var states = await Task.WhenAll(members.Select(m =>
            _system.ActorSelection(new RootActorPath(m.Address) / "system" / "sharding" / TypeName)
                .Ask<CurrentShardRegionState>(GetShardRegionState.Instance, AskTimeout, cancellationToken)));
        return states.SelectMany(s => s.Shards).SelectMany(s => s.EntityIds).Distinct().Order(StringComparer.Ordinal).ToList();
    }
}
