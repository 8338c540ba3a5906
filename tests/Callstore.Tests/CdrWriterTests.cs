using Akka.Actor;
using System.Data.Common;
using Akka.TestKit.Xunit2;
using ClusterSip.Callstore.Cdr;
using ClusterSip.Callstore.Tests.Support;
using ClusterSip.Tests.Support;
using Microsoft.Data.Sqlite;

namespace ClusterSip.Callstore.Tests;

/// <summary>The CDR writer against a real SQLite file: batched transactions, one row per call, retry after a failure.</summary>
public sealed class CdrWriterTests : TestKit, IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _directory = new("cdr-writer");
    private int _connections;
    private int _failuresLeft;

    private string Database => Path.Combine(_directory.Path, "cluster.db");

    [Fact]
    public async Task A_burst_of_CDRs_goes_out_in_a_few_transactions_each_written_once()
    {
        var store = new CdrStore(Connect);
        var parent = CreateTestProbe();
        var writer = parent.ChildActorOf(CdrWriter.Props(store, sorm3: true));
        const int count = 1200;

        for (var i = 0; i < count; i++) writer.Tell(new WriteCdr(CdrOf($"c-{i}")));

        var stored = Enumerable.Range(0, count).Select(_ => parent.ExpectMsg<CdrStored>(Bound)).ToList();
        Assert.All(stored, s => Assert.True(s.Inserted));
        Assert.Equal(count, stored.Select(s => s.Cdr.CallId).Distinct().Count());
        Assert.Equal(count, (await store.FindAsync(new CdrQuery(null, null, null, 5000, 0))).Count);
        // Without batching this would be one connection and transaction per CDR.
        Assert.InRange(_connections, 1, 50);

        writer.Tell(new WriteCdr(CdrOf("c-7")));
        Assert.False(parent.ExpectMsg<CdrStored>(Bound).Inserted);
        Assert.Equal(1, await store.CountCopm3Async("c-7"));
    }

    [Fact]
    public async Task A_failed_write_is_retried_with_the_same_CDRs()
    {
        var store = new CdrStore(Connect);
        _failuresLeft = 1;
        var parent = CreateTestProbe();
        var writer = parent.ChildActorOf(CdrWriter.Props(store, sorm3: false));

        writer.Tell(new WriteCdr(CdrOf("c-retried")));

        parent.ExpectNoMsg(TimeSpan.FromSeconds(1));
        var stored = parent.ExpectMsg<CdrStored>(CdrWriter.RetryInterval + Bound);
        Assert.Equal(("c-retried", true), (stored.Cdr.CallId, stored.Inserted));
        Assert.Single(await store.FindAsync(new CdrQuery(null, null, null, 10, 0)));
    }

    void IDisposable.Dispose()
    {
        Shutdown();
        _directory.Dispose();
    }

    private DbConnection Connect()
    {
        Interlocked.Increment(ref _connections);
        if (Interlocked.Decrement(ref _failuresLeft) >= 0) throw new InvalidOperationException("the database is not reachable (test)");
        return new SqliteConnection($"Data Source={Database};Pooling=False");
    }

    internal static CallDetailRecord CdrOf(string callId)
    {
        var call = new Calls(callId, "example.com", "cluster-sip@127.0.0.1:4101", DateTimeOffset.UtcNow.AddSeconds(-10));
        return CdrBuilder.Build(1, call.Answered(talkSeconds: 2));
    }
}
