using Akka.Actor;
using Akka.Persistence.Sql.Journal;
using Akka.Persistence.Sql.Snapshot;
using Akka.TestKit.Xunit2;
using ClusterSip.Callstore.Store;
using ClusterSip.Callstore.Tests.Support;
using ClusterSip.Tests.Support;
using Microsoft.Data.Sqlite;

namespace ClusterSip.Callstore.Tests;

/// <summary>
/// A group's store journals and saves snapshots with the plugins it is given (a node gives it plugins of its own over
/// the same database), here a second SQLite file next to the node's default journal.
/// </summary>
public sealed class StorePluginsTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private static readonly StorePlugins Plugins = new("callstore-test.journal", "callstore-test.snapshot-store");
    private readonly TempDirectory _directory = new("callstore-plugins");

    private string DefaultDatabase => Path.Combine(_directory.Path, "cluster.db");

    private string StoreDatabase => Path.Combine(_directory.Path, "callstore.db");

    private string Hocon => $$"""
        callstore-test {
          journal { class = "{{typeof(SqlWriteJournal).AssemblyQualifiedName}}", connection-string = "Data Source={{StoreDatabase}}", provider-name = "SQLite.MS", auto-initialize = on }
          snapshot-store { class = "{{typeof(SqlSnapshotStore).AssemblyQualifiedName}}", connection-string = "Data Source={{StoreDatabase}}", provider-name = "SQLite.MS", auto-initialize = on }
        }
        """;

    [Fact]
    public async Task The_store_journals_to_its_own_plugin_and_recovers_from_it_after_a_restart()
    {
        var options = Instances.Options(Instances.Of("callstore1", 1, 1));
        IReadOnlyList<ClusterSip.CallEvents.CallEvent> events;
        await using (var node = await CallstoreNode.StartAsync("n1", DefaultDatabase, options, hocon: Hocon, plugins: Plugins))
        {
            events = new Calls("c-1", "example.com", node.NodeName, DateTimeOffset.UtcNow).Answered(talkSeconds: 1);
            var reporter = new TestKit(node.System).CreateTestProbe();
            node.System.ActorOf(TestDialog.Props(node.Runtime.Router, events, reporter));
            reporter.ExpectMsg<DialogDone>(Bound);

            var journaled = await Journal.ReadAsync(node.System, StoreDatabase, GroupStoreSettings.PersistenceIdOf(1));
            Assert.Equal([1L, 2, 3, 4, 5], journaled.Select(e => e.Offset));
            Assert.Equal(0, await RowsAsync(DefaultDatabase, "journal"));
        }

        await using (var restarted = await CallstoreNode.StartAsync("n1", DefaultDatabase, options, hocon: Hocon, plugins: Plugins))
        {
            // The recovered store knows the ended call: a repeat of its first event is acknowledged and dropped.
            var dialog = new TestKit(restarted.System).CreateTestProbe();
            restarted.Runtime.Router.Tell(events[0], dialog);
            dialog.ExpectMsg(new ClusterSip.CallEvents.CallEventAck("c-1", 1), Bound);
            Assert.Equal(1, restarted.Runtime.Statistics.Snapshot()["duplicates_dropped"]);
            Assert.Equal(5, (await Journal.ReadAsync(restarted.System, StoreDatabase, GroupStoreSettings.PersistenceIdOf(1))).Count);
        }
    }

    [Fact]
    public async Task The_store_saves_its_snapshots_with_its_own_plugin()
    {
        var options = Instances.Options(Instances.Of("callstore1", 1, 1)) with { SnapshotEvery = 5 };
        await using var node = await CallstoreNode.StartAsync("n1", DefaultDatabase, options, hocon: Hocon, plugins: Plugins);
        var events = new Calls("c-1", "example.com", node.NodeName, DateTimeOffset.UtcNow).Answered(talkSeconds: 1);
        var reporter = new TestKit(node.System).CreateTestProbe();
        node.System.ActorOf(TestDialog.Props(node.Runtime.Router, events, reporter));
        reporter.ExpectMsg<DialogDone>(Bound);

        await Eventually.Value(() => RowsAsync(StoreDatabase, "snapshot"), rows => rows == 1, "a snapshot in the store's own file");
        Assert.Equal(0, await RowsAsync(DefaultDatabase, "snapshot"));
    }

    /// <summary>The rows of the group's store in a table of a SQLite file; 0 when the table does not exist.</summary>
    private static async Task<long> RowsAsync(string databasePath, string table)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        await using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = @table";
        exists.Parameters.AddWithValue("@table", table);
        if ((long)(await exists.ExecuteScalarAsync())! == 0) return 0;
        await using var count = connection.CreateCommand();
        count.CommandText = $"SELECT count(*) FROM {table} WHERE persistence_id = @id";
        count.Parameters.AddWithValue("@id", GroupStoreSettings.PersistenceIdOf(1));
        return (long)(await count.ExecuteScalarAsync())!;
    }

    public void Dispose() => _directory.Dispose();
}
