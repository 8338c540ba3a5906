using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Cluster.Tools.Singleton;
using Akka.Configuration;
using Akka.Persistence.Sql;
using ClusterSip.Callstore.Cdr;
using ClusterSip.Callstore.Configuration;
using ClusterSip.Callstore.Store;
using ClusterSip.CallEvents;
using Microsoft.Data.Sqlite;

namespace ClusterSip.Callstore.Tests.Support;

/// <summary>
/// A cluster member running the callstore as a node does (roles per hosted group, singletons, router), with its
/// journal and CDR tables in a SQLite file, and split-brain resolution as tuned in hocon/node.conf.
/// </summary>
public sealed class CallstoreNode : IAsyncDisposable
{
    private CallstoreNode(ActorSystem system, CallstoreRuntime runtime, string alias)
    {
        System = system;
        Runtime = runtime;
        Alias = alias;
    }

    public ActorSystem System { get; }

    public CallstoreRuntime Runtime { get; }

    public string Alias { get; }

    public Address Address => Cluster.Get(System).SelfAddress;

    /// <summary>system@host:port, as call events name their node.</summary>
    public string NodeName => NodeNames.Of(Address);

    /// <summary>The CDR tables as the node opens them (unpooled SQLite connections: see DatabaseConnections in the node).</summary>
    public static CdrStore CdrStoreOf(string databasePath) => new(() => new SqliteConnection($"Data Source={databasePath};Pooling=False"));

    /// <param name="join">The member to join; null forms a new cluster.</param>
    /// <param name="plugins">The stores' journal and snapshot store (defined in <paramref name="hocon"/>); null: the defaults, in the file.</param>
    public static async Task<CallstoreNode> StartAsync(string alias, string databasePath, CallstoreOptions options, Address? join = null, string hocon = "", StorePlugins? plugins = null)
    {
        options = options with { Aliases = [alias] };
        var roles = string.Join(", ", options.HostedHere.Select(i => $"\"{CallstoreOptions.RoleOf(i.Group)}\""));
        var connection = $"\"Data Source={databasePath}\"";
        var config = ConfigurationFactory.ParseString(hocon)
            .WithFallback(ConfigurationFactory.ParseString($$"""
                akka {
                  loglevel = WARNING
                  # Terminating the system is a crash (see CrashAsync); leaving runs CoordinatedShutdown itself.
                  coordinated-shutdown.run-by-actor-system-terminate = off
                  actor.provider = cluster
                  remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
                  cluster {
                    roles = [{{roles}}]
                    downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
                    split-brain-resolver { active-strategy = keep-majority, stable-after = 1.5s }
                    down-removal-margin = 500ms
                    # More tolerant than hocon/node.conf: several members share this process on a loaded machine.
                    failure-detector { heartbeat-interval = 500ms, acceptable-heartbeat-pause = 3s }
                    singleton.hand-over-retry-interval = 200ms
                    singleton-proxy.singleton-identification-interval = 200ms
                  }
                  persistence {
                    journal { plugin = "akka.persistence.journal.sql", sql { connection-string = {{connection}}, provider-name = "SQLite.MS", auto-initialize = on } }
                    snapshot-store { plugin = "akka.persistence.snapshot-store.sql", sql { connection-string = {{connection}}, provider-name = "SQLite.MS", auto-initialize = on } }
                  }
                }
                """))
            .WithFallback(CallEventsSerializer.Config)
            .WithFallback(StoreSerializer.Config)
            .WithFallback(ClusterSingleton.DefaultConfig())
            .WithFallback(DistributedPubSub.DefaultConfig())
            .WithFallback(SqlPersistence.DefaultConfiguration);

        var system = ActorSystem.Create("cluster-sip", config);
        var cluster = Cluster.Get(system);
        var up = new TaskCompletionSource();
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        cluster.Join(join ?? cluster.SelfAddress);
        await up.Task.WaitAsync(TimeSpan.FromSeconds(60));

        var runtime = CallstoreRuntime.Start(system, options, CdrStoreOf(databasePath), new CallstoreStatistics(), plugins ?? StorePlugins.Default, (name, props, role, removalMargin) =>
        {
            system.ActorOf(ClusterSingletonManager.Props(props, PoisonPill.Instance, ClusterSingletonManagerSettings.Create(system).WithRole(role).WithRemovalMargin(removalMargin)), name);
            return system.ActorOf(ClusterSingletonProxy.Props($"/user/{name}", ClusterSingletonProxySettings.Create(system).WithRole(role)), $"{name}-proxy");
        });
        return new CallstoreNode(system, runtime, alias);
    }

    /// <summary>Leaves the cluster and stops, as on SIGTERM.</summary>
    public Task LeaveAsync() => CoordinatedShutdown.Get(System).Run(CoordinatedShutdown.ClusterLeavingReason.Instance);

    /// <summary>Stops without leaving, as kill -9 does: the others see it unreachable until the split-brain resolver downs it.</summary>
    public async Task CrashAsync()
    {
        await System.Terminate();
    }

    /// <summary>Stops without leaving: the tests that need a graceful leave call <see cref="LeaveAsync"/>.</summary>
    public async ValueTask DisposeAsync() => await System.Terminate().WaitAsync(TimeSpan.FromSeconds(60));
}
