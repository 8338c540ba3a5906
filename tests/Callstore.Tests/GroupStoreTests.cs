using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.TestKit.Xunit2;
using ClusterSip.Callstore.Cdr;
using ClusterSip.Callstore.Routing;
using ClusterSip.Callstore.Store;
using ClusterSip.Callstore.Tests.Support;
using ClusterSip.CallEvents;
using ClusterSip.Tests.Support;

namespace ClusterSip.Callstore.Tests;

/// <summary>One node hosting one group, its journal and CDR tables in a SQLite file under a temp directory.</summary>
public sealed class GroupStoreTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _directory = new("callstore");

    private string Database => Path.Combine(_directory.Path, "cluster.db");

    [Fact]
    public async Task Each_event_is_acknowledged_after_journaling_published_with_a_gap_free_offset_and_an_ended_call_gets_one_CDR()
    {
        await using var node = await CallstoreNode.StartAsync("n1", Database, Instances.Options(Instances.Of("callstore1", 1, 1, sorm3: true)));
        var kit = new TestKit(node.System);
        var subscriber = kit.CreateTestProbe();
        DistributedPubSub.Get(node.System).Mediator.Tell(new Subscribe(CallEventTopics.Accepted, subscriber), subscriber);
        subscriber.ExpectMsg<SubscribeAck>(Bound);
        var call = new Calls("c-1", "example.com", node.NodeName, DateTimeOffset.UtcNow);
        var events = call.Answered(talkSeconds: 2);

        var reporter = kit.CreateTestProbe();
        node.System.ActorOf(TestDialog.Props(node.Runtime.Router, events, reporter));

        reporter.ExpectMsg<DialogDone>(Bound);
        var accepted = Enumerable.Range(0, events.Count).Select(_ => subscriber.ExpectMsg<AcceptedCallEvent>(Bound)).ToList();
        Assert.Equal([1L, 2, 3, 4, 5], accepted.Select(a => a.Offset));
        Assert.All(accepted, a => Assert.Equal(1, a.Group));
        Assert.Equal(events.Select(e => e.Sequence), accepted.Select(a => a.Event.Sequence));

        var cdrs = await Eventually.Value(() => node.Runtime.Cdrs.FindAsync(new CdrQuery("example.com", null, null, 10, 0)), c => c.Count > 0, "a CDR");
        var cdr = Assert.Single(cdrs);
        Assert.Equal(("c-1", 2.0, 0.8, "bye"), (cdr.CallId, Math.Round(cdr.TalkSeconds, 3), Math.Round(cdr.RingSeconds, 3), cdr.Cause));
        Assert.Equal(1, await node.Runtime.Cdrs.CountCopm3Async("c-1"));
        Assert.Equal(5, node.Runtime.Statistics.Snapshot()["events_accepted"]);
        Assert.Equal(1, node.Runtime.Statistics.Snapshot()["cdrs_written"]);
        Assert.Equal(0, node.Runtime.Statistics.ActiveCalls);
    }

    [Fact]
    public async Task An_event_is_published_while_its_journal_write_waits_and_acknowledged_and_in_snapshots_only_once_written()
    {
        await using var node = await CallstoreNode.StartAsync("n1", Database, Instances.Options(Instances.Of("callstore1", 1, 1)));
        var kit = new TestKit(node.System);
        var (dialog, subscriber, asker) = (kit.CreateTestProbe(), kit.CreateTestProbe(), kit.CreateTestProbe());
        DistributedPubSub.Get(node.System).Mediator.Tell(new Subscribe(CallEventTopics.Accepted, subscriber), subscriber);
        subscriber.ExpectMsg<SubscribeAck>(Bound);
        var call = new Calls("c-1", "example.com", node.NodeName, DateTimeOffset.UtcNow);
        node.Runtime.Router.Tell(call.Initiated(), dialog);
        dialog.ExpectMsg(new CallEventAck("c-1", 1), Bound);
        var first = subscriber.ExpectMsg<AcceptedCallEvent>(Bound);

        await using (var writer = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Database};Pooling=False"))
        {
            await writer.OpenAsync();
            await using var lockWrites = writer.CreateCommand();
            lockWrites.CommandText = "BEGIN IMMEDIATE";
            await lockWrites.ExecuteNonQueryAsync();

            node.Runtime.Router.Tell(call.Ringing("1", 0.1), dialog);
            var published = subscriber.ExpectMsg<AcceptedCallEvent>(Bound);
            Assert.Equal((2L, 2L, first.Epoch), (published.Event.Sequence, published.Offset, published.Epoch));
            node.Runtime.Router.Tell(new GetActiveCalls(), asker);
            dialog.ExpectNoMsg(TimeSpan.FromSeconds(1));
            asker.ExpectNoMsg(TimeSpan.Zero);

            lockWrites.CommandText = "ROLLBACK";
            await lockWrites.ExecuteNonQueryAsync();
        }

        dialog.ExpectMsg(new CallEventAck("c-1", 2), Bound);
        var snapshot = asker.ExpectMsg<ActiveCallsSnapshot>(Bound);
        Assert.Equal((2L, first.Epoch, 0L), (snapshot.Offset, snapshot.Epoch, snapshot.Since));
        Assert.Equal((2L, CallState.Ringing), (Assert.Single(snapshot.Calls).Latest.Sequence, snapshot.Calls[0].State));
        Assert.Equal(2, (await Journal.ReadAsync(node.System, Database, GroupStoreSettings.PersistenceIdOf(1))).Count);
    }

    [Fact]
    public async Task After_a_write_the_next_waits_the_journal_pace_and_takes_what_arrived_meanwhile_in_one_row()
    {
        var options = Instances.Options(Instances.Of("callstore1", 1, 1)) with { JournalPace = TimeSpan.FromSeconds(2) };
        await using var node = await CallstoreNode.StartAsync("n1", Database, options);
        var dialog = new TestKit(node.System).CreateTestProbe();
        var calls = Enumerable.Range(1, 4).Select(i => new Calls($"c-{i}", "example.com", node.NodeName, DateTimeOffset.UtcNow)).ToList();
        node.Runtime.Router.Tell(calls[0].Initiated(), dialog);
        dialog.ExpectMsg(new CallEventAck("c-1", 1), Bound);

        foreach (var call in calls.Skip(1)) node.Runtime.Router.Tell(call.Initiated(), dialog);

        dialog.ExpectNoMsg(TimeSpan.FromSeconds(1));
        var acks = Enumerable.Range(0, 3).Select(_ => dialog.ExpectMsg<CallEventAck>(Bound).CallId).ToList();
        Assert.Equal(["c-2", "c-3", "c-4"], acks);
        var rows = await JournalRowsAsync();
        Assert.Equal(2, rows);
    }

    [Fact]
    public async Task A_drain_writes_what_waits_for_the_journal_pace_before_it_answers()
    {
        var options = Instances.Options(Instances.Of("callstore1", 1, 1)) with { JournalPace = TimeSpan.FromMinutes(5) };
        await using var node = await CallstoreNode.StartAsync("n1", Database, options);
        var kit = new TestKit(node.System);
        var (dialog, host) = (kit.CreateTestProbe(), kit.CreateTestProbe());
        node.Runtime.Router.Tell(new Calls("c-1", "example.com", node.NodeName, DateTimeOffset.UtcNow).Initiated(), dialog);
        dialog.ExpectMsg(new CallEventAck("c-1", 1), Bound);
        node.Runtime.Router.Tell(new Calls("c-2", "example.com", node.NodeName, DateTimeOffset.UtcNow).Initiated(), dialog);
        dialog.ExpectNoMsg(TimeSpan.FromMilliseconds(500));

        node.System.ActorSelection("/user/callstore-host-1/store/store").Tell(Drain.Instance, host.Ref);

        dialog.ExpectMsg(new CallEventAck("c-2", 1), Bound);
        host.ExpectMsg(new Drained(1), Bound);
        Assert.Equal(2, await JournalRowsAsync());
    }

    [Fact]
    public async Task A_full_batch_does_not_wait_for_the_journal_pace()
    {
        var options = Instances.Options(Instances.Of("callstore1", 1, 1)) with { JournalPace = TimeSpan.FromMinutes(5) };
        await using var node = await CallstoreNode.StartAsync("n1", Database, options);
        var dialog = new TestKit(node.System).CreateTestProbe();
        node.Runtime.Router.Tell(new Calls("c-0", "example.com", node.NodeName, DateTimeOffset.UtcNow).Initiated(), dialog);
        dialog.ExpectMsg(new CallEventAck("c-0", 1), Bound);

        for (var i = 1; i <= 1000; i++) node.Runtime.Router.Tell(new Calls($"c-{i}", "example.com", node.NodeName, DateTimeOffset.UtcNow).Initiated(), dialog);

        Assert.Equal(1000, Enumerable.Range(0, 1000).Select(_ => dialog.ExpectMsg<CallEventAck>(Bound)).Count());
    }

    [Fact]
    public async Task A_repeated_event_is_acknowledged_again_and_journaled_once()
    {
        await using var node = await CallstoreNode.StartAsync("n1", Database, Instances.Options(Instances.Of("callstore1", 1, 1)));
        var dialog = new TestKit(node.System).CreateTestProbe();
        var call = new Calls("c-1", "example.com", node.NodeName, DateTimeOffset.UtcNow);
        var initiated = call.Initiated();

        node.Runtime.Router.Tell(initiated, dialog);
        dialog.ExpectMsg(new CallEventAck("c-1", 1), Bound);
        node.Runtime.Router.Tell(initiated, dialog);
        dialog.ExpectMsg(new CallEventAck("c-1", 1), Bound);

        var journal = await Journal.ReadAsync(node.System, Database, GroupStoreSettings.PersistenceIdOf(1));
        Assert.Single(journal);
        Assert.Equal(1, node.Runtime.Statistics.Snapshot()["duplicates_dropped"]);
        Assert.Equal(1, node.Runtime.Statistics.ActiveCalls);
    }

    [Fact]
    public async Task An_event_ahead_of_a_missing_one_waits_unacknowledged_until_the_missing_one_arrives()
    {
        await using var node = await CallstoreNode.StartAsync("n1", Database, Instances.Options(Instances.Of("callstore1", 1, 1)));
        var dialog = new TestKit(node.System).CreateTestProbe();
        var call = new Calls("c-1", "example.com", node.NodeName, DateTimeOffset.UtcNow);
        var (first, second) = (call.Initiated(), call.Ringing("1", 0.1));

        node.Runtime.Router.Tell(second, dialog);
        dialog.ExpectNoMsg(TimeSpan.FromSeconds(1));
        node.Runtime.Router.Tell(first, dialog);
        dialog.ExpectMsg(new CallEventAck("c-1", 1), Bound);
        node.Runtime.Router.Tell(second, dialog);
        dialog.ExpectMsg(new CallEventAck("c-1", 2), Bound);

        var snapshot = await node.Runtime.Router.Ask<ActiveCallsSnapshot>(new GetActiveCalls(), Bound);
        Assert.Equal(2, snapshot.Offset);
        var active = Assert.Single(snapshot.Calls);
        Assert.Equal((2L, CallState.Ringing), (active.Latest.Sequence, active.State));
    }

    [Fact]
    public async Task After_a_crash_and_a_restart_on_the_same_address_and_data_the_calls_left_active_end_as_node_lost_once()
    {
        var port = FreePorts.Next();
        var hocon = $"akka.remote.dot-netty.tcp.port = {port}";
        var options = Instances.Options(Instances.Of("callstore1", 1, 1, sorm3: true)) with { SnapshotEvery = 3 };
        var before = await CallstoreNode.StartAsync("n1", Database, options, hocon: hocon);
        var reporter = new TestKit(before.System).CreateTestProbe();
        var answered = new Calls("c-answered", "example.com", before.NodeName, DateTimeOffset.UtcNow.AddSeconds(-5));
        var finished = new Calls("c-finished", "example.com", before.NodeName, DateTimeOffset.UtcNow.AddSeconds(-5));
        before.System.ActorOf(TestDialog.Props(before.Runtime.Router, [answered.Initiated(), answered.Answered("1", 1)], reporter));
        before.System.ActorOf(TestDialog.Props(before.Runtime.Router, finished.Answered(talkSeconds: 1), reporter));
        reporter.ExpectMsg<DialogDone>(Bound);
        reporter.ExpectMsg<DialogDone>(Bound);
        await Eventually.Value(() => before.Runtime.Cdrs.FindAsync(new CdrQuery(null, null, null, 10, 0)), c => c.Count == 1, "the finished call's CDR");
        var epochBefore = (await before.Runtime.Router.Ask<ActiveCallsSnapshot>(new GetActiveCalls(), Bound)).Epoch;
        await before.CrashAsync();

        await using var after = await CallstoreNode.StartAsync("n1", Database, options, hocon: hocon);

        var cdrs = await Eventually.Value(() => after.Runtime.Cdrs.FindAsync(new CdrQuery(null, null, null, 10, 0)), c => c.Count == 2, "a CDR for the call left active");
        var lost = Assert.Single(cdrs, c => c.CallId == "c-answered");
        Assert.Equal((FailureCauses.NodeLost, PartyRole.System), (lost.Cause, lost.HungUpBy));
        Assert.Equal(1, await after.Runtime.Cdrs.CountCopm3Async("c-answered"));
        Assert.Equal(1, await after.Runtime.Cdrs.CountCopm3Async("c-finished"));
        var journal = await Journal.ReadAsync(after.System, Database, GroupStoreSettings.PersistenceIdOf(1));
        // Batches a snapshot covers are deleted; the rest continue the offsets without a gap up to the closing event.
        var first = journal[0].Offset;
        Assert.Equal(Enumerable.Range((int)first, 9 - (int)first).Select(i => (long)i), journal.Select(j => j.Offset));
        var closing = Assert.IsType<CallFailed>(journal[^1].Event);
        Assert.Equal(("c-answered", 3L), (closing.CallId, closing.Sequence));
        Assert.Equal(1, after.Runtime.Statistics.Snapshot()["dead_dialogs_closed"]);
        Assert.Equal(1, after.Runtime.Statistics.Snapshot()["handovers"]);
        var snapshot = await after.Runtime.Router.Ask<ActiveCallsSnapshot>(new GetActiveCalls(), Bound);
        Assert.Empty(snapshot.Calls);
        // A new epoch, begun after the seven events the journal held.
        Assert.Equal((true, 7L), (snapshot.Epoch != epochBefore, snapshot.Since));
    }

    [Fact]
    public async Task A_call_whose_node_leaves_the_cluster_ends_as_node_lost()
    {
        await using var store = await CallstoreNode.StartAsync("n1", Database, Instances.Options(Instances.Of("callstore1", 1, 1, iface: "n1")));
        await using var other = await CallstoreNode.StartAsync("n2", Database, Instances.Options(Instances.Of("callstore1", 1, 1, iface: "n1")), join: store.Address);
        var reporter = new TestKit(other.System).CreateTestProbe();
        var call = new Calls("c-1", "example.com", other.NodeName, DateTimeOffset.UtcNow);
        other.System.ActorOf(TestDialog.Props(other.Runtime.Router, [call.Initiated(), call.Answered("1", 1)], reporter));
        reporter.ExpectMsg<DialogDone>(Bound);

        await other.LeaveAsync();

        var cdr = Assert.Single(await Eventually.Value(() => store.Runtime.Cdrs.FindAsync(new CdrQuery(null, null, null, 10, 0)), c => c.Count == 1, "the node-lost CDR"));
        Assert.Equal((FailureCauses.NodeLost, GroupStore.NodeLostStatus), (cdr.Cause, cdr.FinalStatus));
        Assert.Equal(1, store.Runtime.Statistics.Snapshot()["dead_dialogs_closed"]);
    }

    [Fact]
    public async Task A_call_whose_node_stays_unreachable_longer_than_dead_dialog_after_ends_as_node_lost()
    {
        var options = Instances.Options(Instances.Of("callstore1", 1, 1, iface: "n1")) with { DeadDialogAfter = TimeSpan.FromSeconds(1) };
        // The resolver waits long enough that the unreachable node is still a member when the call is ended.
        const string patientResolver = "akka.cluster.split-brain-resolver.stable-after = 60s";
        await using var store = await CallstoreNode.StartAsync("n1", Database, options, hocon: patientResolver);
        await using var other = await CallstoreNode.StartAsync("n2", Database, options, join: store.Address, hocon: patientResolver);
        var reporter = new TestKit(other.System).CreateTestProbe();
        var call = new Calls("c-1", "example.com", other.NodeName, DateTimeOffset.UtcNow);
        other.System.ActorOf(TestDialog.Props(other.Runtime.Router, [call.Initiated()], reporter));
        reporter.ExpectMsg<DialogDone>(Bound);

        await other.CrashAsync();

        var cdr = Assert.Single(await Eventually.Value(() => store.Runtime.Cdrs.FindAsync(new CdrQuery(null, null, null, 10, 0)), c => c.Count == 1, "the node-lost CDR"));
        Assert.Equal(FailureCauses.NodeLost, cdr.Cause);
        Assert.Contains(Akka.Cluster.Cluster.Get(store.System).State.Unreachable, m => m.Address == other.Address);
    }

    [Fact]
    public async Task A_node_without_the_group_reaches_it_through_its_own_router()
    {
        await using var host = await CallstoreNode.StartAsync("n1", Database, Instances.Options(Instances.Of("callstore1", 1, 1, iface: "n1")));
        await using var client = await CallstoreNode.StartAsync("n2", Database, Instances.Options(Instances.Of("callstore1", 1, 1, iface: "n1")), join: host.Address);
        var dialog = new TestKit(client.System).CreateTestProbe();
        var call = new Calls("c-1", "example.com", client.NodeName, DateTimeOffset.UtcNow);

        client.System.ActorSelection(CallstoreRouter.Path).Tell(call.Initiated(), dialog);

        dialog.ExpectMsg(new CallEventAck("c-1", 1), Bound);
        Assert.Equal(0, client.Runtime.Statistics.Snapshot()["events_accepted"]);
        Assert.Equal(1, host.Runtime.Statistics.Snapshot()["events_accepted"]);
    }

    [Fact]
    public async Task Once_its_own_node_is_downed_the_store_neither_journals_nor_acknowledges_another_event()
    {
        await using var node = await CallstoreNode.StartAsync("n1", Database, Instances.Options(Instances.Of("callstore1", 1, 1)));
        var dialog = new TestKit(node.System).CreateTestProbe();
        var call = new Calls("c-1", "example.com", node.NodeName, DateTimeOffset.UtcNow);
        node.Runtime.Router.Tell(call.Initiated(), dialog);
        dialog.ExpectMsg(new CallEventAck("c-1", 1), Bound);

        // What the store hears when this node's split-brain resolver downs it on the losing side of a partition (a real
        // Down of a one-member cluster would also remove it, and the coordinator with it).
        var self = Akka.Cluster.Cluster.Get(node.System).SelfMember;
        node.System.ActorSelection("/user/callstore-host-1/store/store").Tell(new Akka.Cluster.ClusterEvent.MemberDowned(self.Copy(Akka.Cluster.MemberStatus.Down)));
        node.Runtime.Router.Tell(call.Ringing("1", 0.1), dialog);

        dialog.ExpectNoMsg(TimeSpan.FromSeconds(2));
        Assert.Single(await Journal.ReadAsync(node.System, Database, GroupStoreSettings.PersistenceIdOf(1)));
    }

    private async Task<long> JournalRowsAsync()
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM journal WHERE persistence_id = 'callstore-1'";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public void Dispose() => _directory.Dispose();
}
