using Akka.Actor;
using Akka.Event;
using ClusterSip.CallEvents;
using ClusterSip.Node.Callstore;
using ClusterSip.Node.Hosting;
using ClusterSip.Node.Persistence;
using ClusterSip.Node.Registrar;
using ClusterSip.Node.Settings;
using ClusterSip.Node.Tests.Support;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.Node.Tests;

/// <summary>
/// Nodes started on an empty database: the journal's and snapshot store's tables are created once, before anything
/// journals, the CDR tables when the callstore starts, and the first start logs no error (docs/callstore.md, Handover after kill -9).
/// </summary>
[Collection(NodesCollection.Name)]
public sealed class PersistenceFirstStartTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_node_started_on_an_empty_postgresql_database_logs_no_error_and_its_callstore_accepts_the_first_event()
    {
        var database = await postgres.CreateDatabaseAsync();

        await AssertFirstStartAsync("cluster-sip.persistence.provider=postgresql", $"cluster-sip.persistence.connection-string={database}");
    }

    [Fact]
    public async Task A_node_started_on_a_new_sqlite_file_logs_no_error_and_its_callstore_accepts_the_first_event() =>
        await AssertFirstStartAsync();

    [Fact]
    public async Task Nodes_started_at_once_on_an_empty_postgresql_database_log_no_error_and_journal_at_once()
    {
        var database = await postgres.CreateDatabaseAsync();
        string[] sets = ["cluster-sip.persistence.provider=postgresql", $"cluster-sip.persistence.connection-string={database}"];

        var nodes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => InProcessNode.StartAsync(features: [], sets: sets)));
        try
        {
            await Task.WhenAll(nodes.Select(WriteNoteAsync));
            foreach (var node in nodes) await AssertNoErrorLoggedAsync(node);
        }
        finally
        {
            await Task.WhenAll(nodes.Select(n => n.DisposeAsync().AsTask()));
        }
    }

    /// <summary>
    /// Starts a node with the features that journal from the start (the callstore on its own plugins, the registrar's
    /// sharding on the default ones) and, at once, has its callstore accept a first event and the default journal a
    /// first write.
    /// </summary>
    private static async Task AssertFirstStartAsync(params string[] sets)
    {
        var (first, afterCallstore) = (new TablesAtStart(), new TablesAtStart());
        await using var node = await InProcessNode.StartAsync(features: [first, new CallstoreFeature(), afterCallstore, new RegistrarFeature()], sets: sets);

        Assert.Contains("journal", first.Names);
        Assert.Contains("snapshot", first.Names);
        Assert.Contains("callstore_cdrs", afterCallstore.Names);
        Assert.Contains("cdr_copm3_dialogs", afterCallstore.Names);
        await Task.WhenAll(AcceptFirstEventAsync(node), WriteNoteAsync(node));
        await AssertNoErrorLoggedAsync(node);
    }

    private static async Task AcceptFirstEventAsync(InProcessNode node)
    {
        var first = new CallInitiated
        {
            CallId = "c-1", SipCallId = "s-1", Sequence = 1, Domain = "example.com", From = new CallParty("", "sip:alice@example.com"),
            To = new CallParty("", "sip:bob@example.com"), Node = node.ShortAddress, Time = DateTimeOffset.UtcNow,
        };
        var router = node.Node.ActorSystem.ActorSelection("/user/callstore-router");
        var ack = await Eventually.Value(async () =>
        {
            try
            {
                return await router.Ask<CallEventAck>(first, TimeSpan.FromSeconds(2));
            }
            catch (AskTimeoutException)
            {
                return null;
            }
        }, a => a is not null, "the first event's ack", Bound);
        Assert.Equal(new CallEventAck("c-1", 1), ack);
    }

    private static async Task WriteNoteAsync(InProcessNode node)
    {
        var notebook = node.Node.ActorSystem.ActorOf(Props.Create(() => new Notebook($"notebook-{Guid.NewGuid():N}")));
        await notebook.Ask<Notebook.Written>(new Notebook.Write("first"), Bound);
    }

    /// <summary>Logs a marker through Akka (which writes log events in order) and reads the log up to it.</summary>
    private static async Task AssertNoErrorLoggedAsync(InProcessNode node)
    {
        var marker = $"first-start-checked-{Guid.NewGuid():N}";
        node.Node.ActorSystem.Log.Info(marker);
        await node.WaitForLogAsync(marker);
        var errors = node.Log.Split('\n').Where(line => line.Contains("level=error", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, $"errors logged:\n{string.Join('\n', errors)}");
    }

    /// <summary>The tables of the node's database when this feature starts (started first: when the features start).</summary>
    private sealed class TablesAtStart : INodeFeature
    {
        public IReadOnlyList<string> Names { get; private set; } = [];

        public string Name => "tables at start";

        public async Task StartAsync(NodeContext context, CancellationToken cancellationToken)
        {
            var persistence = context.Settings.Persistence;
            await using var connection = DatabaseConnections.For(persistence)();
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = persistence.Provider == PersistenceProvider.PostgreSql
                ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                : "SELECT name FROM sqlite_master WHERE type = 'table'";
            var names = new List<string>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) names.Add(reader.GetString(0));
            Names = names;
        }
    }
}
