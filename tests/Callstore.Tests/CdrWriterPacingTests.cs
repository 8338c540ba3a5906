using System.Data.Common;
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using ClusterSip.Callstore.Cdr;
using ClusterSip.Tests.Support;
using Microsoft.Data.Sqlite;

namespace ClusterSip.Callstore.Tests;

/// <summary>
/// The CDR writer's pacing, in virtual time against a real SQLite file: after a write the next waits
/// <see cref="CdrWriter.PaceInterval"/> and takes whatever arrived meanwhile, unless a full batch is waiting.
/// </summary>
public sealed class CdrWriterPacingTests() : TestKit("akka.scheduler.implementation = \"Akka.TestKit.TestScheduler, Akka.TestKit\""), IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);

    /// <summary>The store creates its tables on a connection of its own before the first transaction.</summary>
    private const int SchemaConnection = 1;
    private readonly TempDirectory _directory = new("cdr-pacing");
    private int _connections;

    private TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    [Fact]
    public void The_CDRs_that_end_after_a_write_wait_the_pace_interval_and_go_out_together()
    {
        var (writer, parent) = StartWriter();
        writer.Tell(new WriteCdr(CdrWriterTests.CdrOf("c-0")));
        Assert.Equal("c-0", parent.ExpectMsg<CdrStored>(Bound).Cdr.CallId);

        foreach (var callId in new[] { "c-1", "c-2", "c-3" }) writer.Tell(new WriteCdr(CdrWriterTests.CdrOf(callId)));
        parent.ExpectNoMsg(Quiet);
        Scheduler.Advance(CdrWriter.PaceInterval - TimeSpan.FromMilliseconds(1));
        parent.ExpectNoMsg(Quiet);
        Scheduler.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(["c-1", "c-2", "c-3"], Enumerable.Range(0, 3).Select(_ => parent.ExpectMsg<CdrStored>(Bound).Cdr.CallId));
        Assert.Equal(SchemaConnection + 2, _connections);
    }

    [Fact]
    public void A_full_batch_is_written_without_waiting_for_the_pace_interval()
    {
        var (writer, parent) = StartWriter();
        writer.Tell(new WriteCdr(CdrWriterTests.CdrOf("c-first")));
        parent.ExpectMsg<CdrStored>(Bound);

        for (var i = 0; i < CdrWriter.MaxBatch; i++) writer.Tell(new WriteCdr(CdrWriterTests.CdrOf($"c-{i}")));

        var stored = Enumerable.Range(0, CdrWriter.MaxBatch).Select(_ => parent.ExpectMsg<CdrStored>(Bound)).ToList();
        Assert.All(stored, s => Assert.True(s.Inserted));
        Assert.Equal(SchemaConnection + 2, _connections);
    }

    [Fact]
    public void The_first_CDR_after_a_quiet_pace_interval_is_written_at_once()
    {
        var (writer, parent) = StartWriter();
        writer.Tell(new WriteCdr(CdrWriterTests.CdrOf("c-0")));
        parent.ExpectMsg<CdrStored>(Bound);
        Scheduler.Advance(CdrWriter.PaceInterval);

        writer.Tell(new WriteCdr(CdrWriterTests.CdrOf("c-1")));

        Assert.Equal("c-1", parent.ExpectMsg<CdrStored>(Bound).Cdr.CallId);
    }

    void IDisposable.Dispose()
    {
        Shutdown();
        _directory.Dispose();
    }

    private (IActorRef Writer, TestProbe Parent) StartWriter()
    {
        var parent = CreateTestProbe();
        return (parent.ChildActorOf(CdrWriter.Props(new CdrStore(Connect), sorm3: false)), parent);
    }

    /// <summary>The store opens one connection per transaction.</summary>
    private DbConnection Connect()
    {
        Interlocked.Increment(ref _connections);
        return new SqliteConnection($"Data Source={Path.Combine(_directory.Path, "cluster.db")};Pooling=False");
    }
}
