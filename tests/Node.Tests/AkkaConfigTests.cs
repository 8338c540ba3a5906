using Akka.Actor;
using ClusterSip.CallEvents;
using ClusterSip.Node.Configuration;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.Node.Tests;

public class AkkaConfigTests
{
    [Fact]
    public async Task The_node_carries_call_events_between_nodes_with_the_contract_serializer()
    {
        var config = Akka.Configuration.ConfigurationFactory.ParseString("akka.actor.provider = local")
            .WithFallback(AkkaConfig.Build(TestConfiguration.Load()));
        var system = ActorSystem.Create("akka-config", config);
        try
        {
            Assert.IsType<CallEventsSerializer>(system.Serialization.FindSerializerForType(typeof(CallEventAck)));
            Assert.IsType<CallEventsSerializer>(system.Serialization.FindSerializerForType(typeof(CallFailed)));
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public void The_sqlite_journal_has_one_writer_on_threads_of_its_own_and_postgresql_keeps_the_plugin_defaults()
    {
        var sqlite = AkkaConfig.Build(TestConfiguration.Load()).GetConfig("akka.persistence.journal.sql");
        Assert.Equal(1, sqlite.GetInt("parallelism"));
        Assert.Equal(AkkaConfig.DatabaseDispatcher, sqlite.GetString("materializer-dispatcher"));
        var dispatcher = AkkaConfig.Build(TestConfiguration.Load()).GetConfig(AkkaConfig.DatabaseDispatcher);
        Assert.Equal("ForkJoinDispatcher", dispatcher.GetString("type"));

        var postgres = AkkaConfig.Build(TestConfiguration.Load("cluster-sip.persistence.provider=postgresql", "cluster-sip.persistence.connection-string=Host=db"))
            .GetConfig("akka.persistence.journal.sql");
        Assert.Equal(3, postgres.GetInt("parallelism"));
        Assert.Equal("akka.actor.default-dispatcher", postgres.GetString("materializer-dispatcher"));
    }

    [Fact]
    public void The_callstore_has_a_journal_and_snapshot_store_of_its_own_on_the_node_database()
    {
        foreach (var configuration in new[]
                 {
                     TestConfiguration.Load(),
                     TestConfiguration.Load("cluster-sip.persistence.provider=postgresql", "cluster-sip.persistence.connection-string=Host=db"),
                 })
        {
            var config = AkkaConfig.Build(configuration);
            var journal = config.GetConfig(AkkaConfig.CallstorePlugins.Journal);
            var snapshots = config.GetConfig(AkkaConfig.CallstorePlugins.SnapshotStore);
            var defaultJournal = config.GetConfig("akka.persistence.journal.sql");
            var defaultSnapshots = config.GetConfig("akka.persistence.snapshot-store.sql");

            Assert.Equal(typeof(Akka.Persistence.Sql.Journal.SqlWriteJournal), Type.GetType(journal.GetString("class"), throwOnError: true));
            Assert.Equal(typeof(Akka.Persistence.Sql.Snapshot.SqlSnapshotStore), Type.GetType(snapshots.GetString("class"), throwOnError: true));
            foreach (var key in new[] { "connection-string", "provider-name" })
            {
                Assert.Equal(defaultJournal.GetString(key), journal.GetString(key));
                Assert.Equal(defaultSnapshots.GetString(key), snapshots.GetString(key));
            }
            // The default plugins create the tables, before the callstore's start (PersistenceSchema).
            Assert.Equal((true, true), (defaultJournal.GetBoolean("auto-initialize"), defaultSnapshots.GetBoolean("auto-initialize")));
            Assert.Equal((false, false), (journal.GetBoolean("auto-initialize"), snapshots.GetBoolean("auto-initialize")));
        }
        var sqlite = AkkaConfig.Build(TestConfiguration.Load()).GetConfig(AkkaConfig.CallstorePlugins.Journal);
        Assert.Equal(1, sqlite.GetInt("parallelism"));
        Assert.Equal(AkkaConfig.DatabaseDispatcher, sqlite.GetString("materializer-dispatcher"));
    }
}
