using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.Singleton;
using Akka.Configuration;
using Akka.Persistence.Sql;

namespace ClusterSip.Presence.Bench;

/// <summary>
/// A one-node cluster as a node runs presence: sharding with remembered entities, journal and sharding state in a
/// SQLite file (the node's default store), so that a second system on the same file and port is the node restarted;
/// or, with no file, an in-memory journal and sharding state (the node's memory without a journal's write rate).
/// </summary>
public static class BenchNode
{
    public static async Task<ActorSystem> StartAsync(string? database, int port)
    {
        var system = ActorSystem.Create("presence-bench", database is null ? InMemory(port) : Config(database, port));
        var cluster = Cluster.Get(system);
        var up = new TaskCompletionSource();
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        cluster.Join(cluster.SelfAddress);
        await up.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return system;
    }

    private static Config InMemory(int port) =>
        ConfigurationFactory.ParseString($$"""
            akka {
              loglevel = WARNING
              actor.provider = cluster
              remote.dot-netty.tcp { hostname = "127.0.0.1", port = {{port}} }
              cluster.sharding { state-store-mode = ddata, remember-entities-store = ddata, distributed-data.durable.keys = [] }
              persistence.journal.plugin = "akka.persistence.journal.inmem"
              persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
            }
            """)
            .WithFallback(ClusterSharding.DefaultConfig())
            .WithFallback(ClusterSingleton.DefaultConfig())
            .WithFallback(Akka.DistributedData.DistributedData.DefaultConfig());

    private static Config Config(string database, int port) =>
        ConfigurationFactory.ParseString($$"""
            akka {
              loglevel = WARNING
              actor.provider = cluster
              remote.dot-netty.tcp { hostname = "127.0.0.1", port = {{port}} }
              cluster.sharding { state-store-mode = persistence, remember-entities-store = eventsourced, distributed-data.durable.keys = [] }
              persistence {
                journal { plugin = "akka.persistence.journal.sql"
                  sql { connection-string = "Data Source={{database}}", provider-name = "SQLite.MS", auto-initialize = on } }
                snapshot-store { plugin = "akka.persistence.snapshot-store.sql"
                  sql { connection-string = "Data Source={{database}}", provider-name = "SQLite.MS", auto-initialize = on } }
              }
            }
            """)
            .WithFallback(ClusterSharding.DefaultConfig())
            .WithFallback(ClusterSingleton.DefaultConfig())
            .WithFallback(Akka.DistributedData.DistributedData.DefaultConfig())
            .WithFallback(SqlPersistence.DefaultConfiguration);
}
