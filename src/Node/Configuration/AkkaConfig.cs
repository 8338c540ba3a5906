using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Cluster.Tools.Singleton;
using Akka.Configuration;
using Akka.DistributedData;
using Akka.Persistence.Sql;
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
    public static Config Build(NodeConfiguration configuration) =>
        ConfigurationFactory.ParseString(Derived(configuration.Settings))
            .WithFallback(configuration.Merged)
            .WithFallback(ClusterSharding.DefaultConfig())
            .WithFallback(ClusterSingleton.DefaultConfig())
            .WithFallback(DistributedPubSub.DefaultConfig())
            .WithFallback(DistributedData.DefaultConfig())
            .WithFallback(SqlPersistence.DefaultConfiguration)
            .WithFallback(CallEventsSerializer.Config)
            .WithFallback(StoreSnapshotSerializer.Config);

    private static string Derived(NodeSettings settings)
    {
        var persistence = settings.Persistence;
        var connection = KeyValueOverride.Quote(persistence.ConnectionString);
        var provider = KeyValueOverride.Quote(persistence.ProviderName);
        // A node that hosts a callstore instance carries its group's role: the group's singleton runs among those nodes.
        var callstoreRoles = settings.Callstore.HostedHere.Select(i => CallstoreOptions.RoleOf(i.Group));
        var roles = string.Join(", ", settings.Cluster.Roles.Concat(callstoreRoles).Distinct().Select(KeyValueOverride.Quote));
        return $$"""
            akka {
              loglevel = {{settings.Logging.AkkaLevel}}
              loggers = [{{KeyValueOverride.Quote(AkkaConsoleLogger.TypeName)}}]
              cluster.roles = [{{roles}}]
              persistence {
                journal {
                  plugin = "akka.persistence.journal.sql"
                  sql { connection-string = {{connection}}, provider-name = {{provider}}, auto-initialize = on }
                }
                snapshot-store {
                  plugin = "akka.persistence.snapshot-store.sql"
                  sql { connection-string = {{connection}}, provider-name = {{provider}}, auto-initialize = on }
                }
                query.journal.sql { connection-string = {{connection}}, provider-name = {{provider}} }
              }
            }
            """;
    }
}
