using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Cluster.Tools.Singleton;
using Akka.Configuration;
using Akka.DistributedData;
using Akka.Persistence.Sql;
using Akka.Persistence.Sql.Journal;
using Akka.Persistence.Sql.Snapshot;
using ClusterSip.Callstore.Configuration;
using ClusterSip.Callstore.Store;
using ClusterSip.CallEvents;
using ClusterSip.Node.Logging;
using ClusterSip.Node.Settings;

namespace ClusterSip.Node.Configuration;

/// <summary>
/// The configuration the ActorSystem starts with: keys derived from cluster-sip settings (logging,
/// roles, persistence) over the merged layers, over the defaults of the Akka plugins in use.
/// </summary>
public static class AkkaConfig
{
    /// <summary>The dispatcher of the SQLite journal's write streams.</summary>
    public const string DatabaseDispatcher = "akka.actor.cluster-sip-database-dispatcher";

    /// <summary>
    /// The callstore's own journal and snapshot store: the same database and tables as the default plugins, but their
    /// own plugin actors, write streams and connections, so that a group's store recovering after a failover does not
    /// wait behind the sharding coordinators and remembered entities that recover at the same moment
    /// (docs/callstore.md, Handover after kill -9). They do not create the tables: the default plugins have, before any
    /// feature starts (<see cref="Persistence.PersistenceSchema"/>).
    /// </summary>
    public static readonly StorePlugins CallstorePlugins = new("akka.persistence.journal.callstore", "akka.persistence.snapshot-store.callstore");

    public static Config Build(NodeConfiguration configuration) =>
        ConfigurationFactory.ParseString(Derived(configuration.Settings))
            .WithFallback(configuration.Merged)
            .WithFallback(ClusterSharding.DefaultConfig())
            .WithFallback(ClusterSingleton.DefaultConfig())
            .WithFallback(DistributedPubSub.DefaultConfig())
            .WithFallback(DistributedData.DefaultConfig())
            .WithFallback(SqlPersistence.DefaultConfiguration)
            .WithFallback(CallEventsSerializer.Config)
            .WithFallback(StoreSerializer.Config);

    private static string Derived(NodeSettings settings)
    {
        var persistence = settings.Persistence;
        var connection = KeyValueOverride.Quote(persistence.ConnectionString);
        var provider = KeyValueOverride.Quote(persistence.ProviderName);
        // A node that hosts a callstore instance carries its group's role: the group's singleton runs among those nodes.
        var callstoreRoles = settings.Callstore.HostedHere.Select(i => CallstoreOptions.RoleOf(i.Group));
        var roles = string.Join(", ", settings.Cluster.Roles.Concat(callstoreRoles).Distinct().Select(KeyValueOverride.Quote));
        // SQLite has one writer at a time and Microsoft.Data.Sqlite runs its "async" calls synchronously: one writer per
        // journal (the default and the callstore's), on threads of its own, so that a write waiting for the file lock
        // holds up neither other writers nor the thread pool every actor runs on.
        var sqliteWrites = persistence.Provider == PersistenceProvider.Sqlite
            ? $", parallelism = 1, materializer-dispatcher = \"{DatabaseDispatcher}\""
            : "";
        var journal = $"connection-string = {connection}, provider-name = {provider}{sqliteWrites}";
        var snapshots = $"connection-string = {connection}, provider-name = {provider}";
        return $$"""
            akka {
              loglevel = {{settings.Logging.AkkaLevel}}
              loggers = [{{KeyValueOverride.Quote(AkkaConsoleLogger.TypeName)}}]
              cluster.roles = [{{roles}}]
              actor.cluster-sip-database-dispatcher { type = ForkJoinDispatcher, throughput = 100, dedicated-thread-pool.thread-count = 2 }
              persistence {
                journal {
                  plugin = "akka.persistence.journal.sql"
                  sql { {{journal}}, auto-initialize = on }
                }
                snapshot-store {
                  plugin = "akka.persistence.snapshot-store.sql"
                  sql { {{snapshots}}, auto-initialize = on }
                }
                query.journal.sql { connection-string = {{connection}}, provider-name = {{provider}} }
              }
            }
            {{CallstorePlugins.Journal}} { class = {{KeyValueOverride.Quote(ClassOf<SqlWriteJournal>())}}, {{journal}}, auto-initialize = off }
            {{CallstorePlugins.SnapshotStore}} { class = {{KeyValueOverride.Quote(ClassOf<SqlSnapshotStore>())}}, {{snapshots}}, auto-initialize = off }
            """;
    }

    private static string ClassOf<T>() => $"{typeof(T).FullName}, {typeof(T).Assembly.GetName().Name}";
}
