using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using ClusterSip.Registrar.Location;

namespace ClusterSip.Registrar.Sharding;

/// <summary>
/// The location service of the cluster: the address-of-records spread over <see cref="Partitions"/> partitions
/// (Kamailio usrloc's hash slots), sharded over the nodes. Journaled partitions (<see cref="JournaledPartition"/>) are
/// remembered, so that a node that takes over a shard recovers its records (and expires them) at once; memory-only
/// ones (<see cref="MemoryPartition"/>) start empty wherever they land.
/// Every call is asynchronous: a route awaits the answer without blocking its thread.
/// </summary>
public sealed class LocationService
{
    public const string TypeName = "registrar";

    // Fixed for the life of a deployment's journal: a record is found in the partition its hash names.
    private const int Partitions = 100;

    private static readonly PartitionExtractor Extractor = new(Partitions);

    private static readonly Config Remembered = ConfigurationFactory.ParseString("""
        remember-entities = on
        remember-entities-store = eventsourced
        passivate-idle-entity-after = off
        """);

    private static readonly Config NotRemembered = ConfigurationFactory.ParseString("""
        remember-entities = off
        passivate-idle-entity-after = off
        """);

    private LocationService(IActorRef region, TimeSpan askTimeout)
    {
        Region = region;
        AskTimeout = askTimeout;
    }

    public IActorRef Region { get; }

    public TimeSpan AskTimeout { get; }

    public static LocationService Start(ActorSystem system, RegistrarPolicy policy, UsrlocStatistics statistics, LocationSettings settings)
    {
        var config = (settings.Journaled ? Remembered : NotRemembered).WithFallback(system.Settings.Config.GetConfig("akka.cluster.sharding"));
        Func<string, Props> props = settings.Journaled
            ? partition => JournaledPartition.Props(partition, policy, statistics, settings.SnapshotEvery)
            : _ => MemoryPartition.Props(policy, statistics);
        var region = ClusterSharding.Get(system).Start(
            TypeName,
            props,
            ClusterShardingSettings.Create(config, system.Settings.Config.GetConfig("akka.cluster.singleton")),
            Extractor);

        // Every partition is placed and recovered now, in the background, rather than by the first REGISTER or listing
        // that needs it (a fresh journal has no remembered partitions; starting one that runs is a no-op).
        for (var partition = 0; partition < Partitions; partition++)
        {
            region.Tell(new ShardRegion.StartEntity(Extractor.EntityId(new PartitionRecordsQuery(partition))!), ActorRefs.Nobody);
        }

        return new LocationService(region, settings.AskTimeout);
    }

    public Task<RegisterOutcome> Register(RegisterCommand command, CancellationToken cancellationToken = default) =>
        Region.Ask<RegisterOutcome>(command, AskTimeout, cancellationToken);

    public Task<AorBindings> Lookup(string aor, CancellationToken cancellationToken = default) =>
        Region.Ask<AorBindings>(new LookupBindings(aor), AskTimeout, cancellationToken);

    public Task<BindingsRemoved> Remove(string aor, CancellationToken cancellationToken = default) =>
        Region.Ask<BindingsRemoved>(new RemoveBindings(aor), AskTimeout, cancellationToken);

    /// <summary>The sharded entity (partition) that holds an address-of-record.</summary>
    public static string PartitionOf(string aor) => Extractor.PartitionOf(aor);

    /// <summary>The address-of-records that have bindings, across the cluster, sorted.</summary>
    public async Task<IReadOnlyList<string>> Records(CancellationToken cancellationToken = default)
    {
        var partitions = await Task.WhenAll(Enumerable.Range(0, Partitions).Select(p =>
            Region.Ask<PartitionRecords>(new PartitionRecordsQuery(p), AskTimeout, cancellationToken)));
        return partitions.SelectMany(p => p.Aors).Order(StringComparer.Ordinal).ToList();
    }
}
