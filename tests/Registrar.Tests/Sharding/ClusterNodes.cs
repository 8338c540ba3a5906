using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.Singleton;
using Akka.Configuration;
using Akka.DistributedData;
using Akka.Persistence.Sql;
using ClusterSip.Registrar.Location;
using ClusterSip.Registrar.Sharding;
using ClusterSip.Tests.Support;

namespace ClusterSip.Registrar.Tests.Sharding;

/// <summary>Cluster nodes in this process, each with the registrar's shard region, all on one SQLite journal in a temp dir.</summary>
/// <param name="journaled">false: the location service keeps its records in memory only.</param>
public sealed class ClusterNodes(bool journaled = true) : IAsyncDisposable
{
    // Small, so that tests recover from snapshots as well as from the journal.
    private const int SnapshotEvery = 5;

    public static readonly RegistrarPolicy Policy = new(["example.com"], MinExpires: 1, MaxExpires: 3600, DefaultExpires: 3600, MaxContacts: 0);

    private readonly TempDirectory _directory = new("registrar");
    private readonly List<Node> _nodes = [];

    public sealed record Node(ActorSystem System, LocationService Location, UsrlocStatistics Statistics)
    {
        public string Address => Cluster.Get(System).SelfAddress.ToString();
    }

    public string Journal => Path.Combine(_directory.Path, "journal.db");

    /// <summary>Starts a node that joins the first one started (or forms the cluster), and waits until it is Up.</summary>
    public async Task<Node> Start()
    {
        var system = ActorSystem.Create("registrar-test", Config());
        var cluster = Cluster.Get(system);
        var up = new TaskCompletionSource();
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        await cluster.JoinAsync(_nodes.Count == 0 ? cluster.SelfAddress : Cluster.Get(_nodes[0].System).SelfAddress);
        await up.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var statistics = new UsrlocStatistics();
        var node = new Node(system, LocationService.Start(system, Policy, statistics, new LocationSettings(TimeSpan.FromSeconds(15), journaled, SnapshotEvery)), statistics);
        _nodes.Add(node);
        return node;
    }

    /// <summary>Leaves the cluster gracefully (its shards are handed to the others) and terminates.</summary>
    public async Task Stop(Node node)
    {
        await CoordinatedShutdown.Get(node.System).Run(CoordinatedShutdown.ClusterLeavingReason.Instance);
        await node.System.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(30));
        _nodes.Remove(node);
    }

    /// <summary>The node whose region hosts the partition of that address-of-record.</summary>
    public async Task<Node?> HostOf(string aor)
    {
        var partition = LocationService.PartitionOf(aor);
        foreach (var node in _nodes)
        {
            var state = await node.Location.Region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(10));
            if (state.Shards.Any(s => s.EntityIds.Contains(partition))) return node;
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes.AsEnumerable().Reverse().ToList())
        {
            await Stop(node);
        }

        _directory.Dispose();
    }

    private Config Config()
    {
        var connection = $"\"Data Source={Journal};Default Timeout=30\"";
        return ConfigurationFactory.ParseString($$"""
            akka {
              loglevel = WARNING
              actor.provider = cluster
              remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
              coordinated-shutdown { run-by-clr-shutdown-hook = off, exit-clr = off }
              cluster.sharding.handoff-timeout = 10s
              persistence {
                journal { plugin = "akka.persistence.journal.sql"
                  sql { connection-string = {{connection}}, provider-name = "SQLite.MS", auto-initialize = on } }
                snapshot-store { plugin = "akka.persistence.snapshot-store.sql"
                  sql { connection-string = {{connection}}, provider-name = "SQLite.MS", auto-initialize = on } }
              }
            }
            """)
            .WithFallback(ClusterSharding.DefaultConfig())
            .WithFallback(ClusterSingleton.DefaultConfig())
            .WithFallback(DistributedData.DefaultConfig())
            .WithFallback(SqlPersistence.DefaultConfiguration);
    }
}
