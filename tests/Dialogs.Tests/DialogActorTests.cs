using Akka.Actor;
using Akka.TestKit.Xunit2;
using ClusterSip.CallEvents;
using ClusterSip.Dialogs.Tests.Support;
using Akka.Dispatch;
using ClusterSip.Sip.Stack.Actors;
using ClusterSip.Sip.Stack.Routing;
using ClusterSip.Tests.Support;
using static ClusterSip.Dialogs.DialogInputReader;

namespace ClusterSip.Dialogs.Tests;

public class DialogActorTests : TestKit
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly DialogStatistics _statistics = new();
    private readonly DialogRegistry _registry = new();
    private readonly Akka.TestKit.TestProbe _events;
    private readonly Akka.TestKit.TestProbe _requests;
    private readonly Akka.TestKit.TestProbe _routeEvents;
    private long _nextSequence = 1;

    public DialogActorTests()
    {
        // The scheduler's worker started here, on the test's thread, not by the first dialog's timer on a pool thread
        // (see DialogNode): a pool thread blocked there starved the dialogs of the other tests in parallel.
        Sys.Scheduler.Advanced.ScheduleOnce(TimeSpan.Zero, static () => { });
        _events = CreateTestProbe();
        _requests = CreateTestProbe();
        _routeEvents = CreateTestProbe();
    }

    [Fact]
    public void Each_change_of_state_is_a_dialog_route_event()
    {
        var dialog = Create("d1-6e");
        dialog.Tell(new BranchRelayed(1, "sip:bob@192.0.2.4:5060"));
        dialog.Tell(Response(1, CallMessages.Response(180, "b1", "d1-6e")));
        dialog.Tell(Response(1, CallMessages.Response(200, "b1", "d1-6e")));
        dialog.Tell(new FinalResponseSent(200));
        dialog.Tell(InDialog(CallMessages.InDialog("BYE", fromCaller: true, "b1", 314160)));

        var changes = Enumerable.Range(0, 3).Select(_ => _routeEvents.ExpectMsg<RouteEvent>(Bound)).ToList();
        Assert.All(changes, e => Assert.Equal((DialogStateEvent.Name, "d1-6e"), (e.Name, e.Attributes[DialogStateEvent.Dialog])));
        Assert.All(changes, e => Assert.Equal(changes[0].Attributes[DialogStateEvent.CallId], e.Attributes[DialogStateEvent.CallId]));
        Assert.Equal(["unconfirmed>early", "early>confirmed", "confirmed>terminated"],
            changes.Select(e => $"{e.Attributes[DialogStateEvent.Previous]}>{e.Attributes[DialogStateEvent.State]}"));
        _routeEvents.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Forked_early_dialogs_with_one_answer_then_caller_bye()
    {
        var dialog = Create("f1-6e");
        dialog.Tell(new BranchRelayed(1, "sip:bob@192.0.2.4:5060"));
        dialog.Tell(new BranchRelayed(2, "sip:bob@192.0.2.5:5060"));
        dialog.Tell(Response(1, CallMessages.Response(180, "b1", "f1-6e")));
        dialog.Tell(Response(2, CallMessages.Response(180, "b2", "f1-6e")));
        dialog.Tell(Response(2, CallMessages.Response(200, "b2", "f1-6e")));
        dialog.Tell(Response(1, CallMessages.Response(487, "b1", "f1-6e")));
        dialog.Tell(new FinalResponseSent(200));
        dialog.Tell(InDialog(CallMessages.InDialog("BYE", fromCaller: true, "b2", 314160)));

        ExpectCall("CallInitiated", "CallForked:1", "CallForked:2", "CallRinging:1:180", "CallRinging:2:180", "CallAnswered:2", "CallReleased:Caller:200:bye");
        ExpectStopped(dialog);
    }

    [Fact]
    public void A_second_2xx_of_the_fork_is_a_confirmed_dialog_of_its_own_until_its_bye()
    {
        var dialog = AnsweredTwice("f2-6e");
        ExpectCall("CallInitiated", "CallForked:1", "CallForked:2", "CallAnswered:1");

        var details = Details(dialog);
        Assert.Equal(DialogState.Confirmed, details.Summary.State);
        Assert.Equal([(1, "b1", false), (2, "b2", false)], details.Answered.Select(d => (d.Branch, d.CalleeTag, d.Ended)));
        Assert.Equal(new DialogStatisticsSnapshot(2, 0, 2, 0, 0), _statistics.Snapshot());

        dialog.Tell(InDialog(CallMessages.InDialog("BYE", fromCaller: true, "b2", 314160)));
        var after = Details(dialog);
        Assert.Equal([false, true], after.Answered.Select(d => d.Ended));
        Assert.Equal(DialogState.Confirmed, after.Summary.State);
        Assert.Equal(new DialogStatisticsSnapshot(1, 0, 2, 0, 0), _statistics.Snapshot());
        _events.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        dialog.Tell(InDialog(CallMessages.InDialog("BYE", fromCaller: false, "b1", 1)));
        ExpectCall("CallReleased:Callee:200:bye");
        ExpectStopped(dialog);
        Assert.Equal(new DialogStatisticsSnapshot(0, 0, 2, 0, 0), _statistics.Snapshot());
        // The call's state: the second answer and its end are no change of it.
        Assert.Equal(["unconfirmed>confirmed", "confirmed>terminated"], Enumerable.Range(0, 2).Select(_ => _routeEvents.ExpectMsg<RouteEvent>(Bound))
            .Select(e => $"{e.Attributes[DialogStateEvent.Previous]}>{e.Attributes[DialogStateEvent.State]}"));
        _routeEvents.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void The_timeout_ends_every_confirmed_dialog_of_the_call()
    {
        var dialog = AnsweredTwice("t2-6e", defaultTimeout: TimeSpan.FromMilliseconds(500));

        ExpectCall("CallInitiated", "CallForked:1", "CallForked:2", "CallAnswered:1", "CallReleased:System:408:timeout");
        var byes = Enumerable.Range(0, 4).Select(_ => _requests.ExpectMsg<SendDialogRequest>(Bound).Request).ToList();
        Assert.Equal(["sip:bob@192.0.2.4:5060", "sip:alice@192.0.2.1:5060", "sip:carol@192.0.2.5:5060", "sip:alice@192.0.2.1:5060"],
            byes.Select(b => b.RequestUri.ToString()));
        ExpectStopped(dialog);
        Assert.Equal(new DialogStatisticsSnapshot(0, 0, 2, 2, 0), _statistics.Snapshot());
    }

    [Fact]
    public void Hold_and_retrieve()
    {
        var dialog = Answered("h1-6e");
        dialog.Tell(InDialog(CallMessages.InDialog("INVITE", fromCaller: false, "b1", 1, CallMessages.HoldSdp)));
        dialog.Tell(InDialog(CallMessages.InDialog("INVITE", fromCaller: false, "b1", 2, CallMessages.ActiveSdp)));
        dialog.Tell(InDialog(CallMessages.InDialog("BYE", fromCaller: true, "b1", 314160)));

        ExpectCall("CallInitiated", "CallForked:1", "CallAnswered:1", "CallHeld:Callee", "CallRetrieved:Callee", "CallReleased:Caller:200:bye");
    }

    [Fact]
    public void Refer_is_a_transfer()
    {
        var dialog = Answered("r1-6e");
        dialog.Tell(InDialog(CallMessages.InDialog("REFER", fromCaller: true, "b1", 314160, extraHeaders: "Refer-To: <sip:carol@example.com>\r\n")));
        dialog.Tell(InDialog(CallMessages.InDialog("BYE", fromCaller: true, "b1", 314161)));

        ExpectCall("CallInitiated", "CallForked:1", "CallAnswered:1", "CallTransferred:Caller:Refer:sip:carol@example.com", "CallReleased:Caller:200:bye");
    }

    [Fact]
    public void Callee_hangs_up()
    {
        var dialog = Answered("b1-6e");
        dialog.Tell(InDialog(CallMessages.InDialog("BYE", fromCaller: false, "b1", 1)));

        ExpectCall("CallInitiated", "CallForked:1", "CallAnswered:1", "CallReleased:Callee:200:bye");
        ExpectStopped(dialog);
    }

    [Fact]
    public void Timeout_sends_bye_to_both_sides()
    {
        var dialog = Answered("t1-6e", defaultTimeout: TimeSpan.FromMilliseconds(300));

        ExpectCall("CallInitiated", "CallForked:1", "CallAnswered:1", "CallReleased:System:408:timeout");
        var byes = new[] { _requests.ExpectMsg<SendDialogRequest>(Bound), _requests.ExpectMsg<SendDialogRequest>(Bound) };
        Assert.Equal(["sip:bob@192.0.2.4:5060", "sip:alice@192.0.2.1:5060"], byes.Select(b => b.Request.RequestUri.ToString()));
        Assert.All(byes, b => Assert.Equal(("t1-6e", "BYE"), (b.CallId, b.Request.Method)));
        Assert.Equal(1, _statistics.Snapshot().ExpiredDialogs);
        ExpectStopped(dialog);
    }

    [Fact]
    public void Cancel()
    {
        var dialog = Create("x1-6e");
        dialog.Tell(new BranchRelayed(1, "sip:bob@192.0.2.4:5060"));
        dialog.Tell(Response(1, CallMessages.Response(180, "b1", "x1-6e")));
        dialog.Tell(new CancelReceived());
        dialog.Tell(Response(1, CallMessages.Response(487, "b1", "x1-6e")));
        dialog.Tell(new FinalResponseSent(487));

        ExpectCall("CallInitiated", "CallForked:1", "CallRinging:1:180", "CallFailed:487:cancelled");
        ExpectStopped(dialog);
        Assert.Equal(new DialogStatisticsSnapshot(0, 0, 1, 0, 1), _statistics.Snapshot());
    }

    [Fact]
    public void Reject()
    {
        var dialog = Create("j1-6e");
        dialog.Tell(new BranchRelayed(1, "sip:bob@192.0.2.4:5060"));
        dialog.Tell(Response(1, CallMessages.Response(486, "b1", "j1-6e")));
        dialog.Tell(new FinalResponseSent(486));

        ExpectCall("CallInitiated", "CallForked:1", "CallFailed:486:rejected");
        ExpectStopped(dialog);
    }

    [Fact]
    public void Unacknowledged_events_are_sent_again_in_order_until_acknowledged()
    {
        var dialog = Create("u1-6e", ignoreFirst: 2);
        dialog.Tell(new BranchRelayed(1, "sip:bob@192.0.2.4:5060"));
        dialog.Tell(Response(1, CallMessages.Response(486, "b1", "u1-6e")));
        dialog.Tell(new FinalResponseSent(486));

        // The sink ignored CallInitiated and CallForked; they come again, and the dialog ends only once all are acknowledged.
        var received = Enumerable.Range(0, 3).Select(_ => _events.ExpectMsg<CallEvent>(Bound)).ToList();
        Assert.Equal([1L, 2L, 3L], received.Select(e => e.Sequence).Order());
        ExpectStopped(dialog);
    }

    [Fact]
    public void A_consumer_that_does_not_acknowledge_gets_repeats_ever_further_apart()
    {
        var silent = CreateTestProbe();
        Spawn(Calls.Start("s1-6e"), Services(TimeSpan.FromHours(1), silent));
        Assert.Equal(1, silent.ExpectMsg<CallInitiated>(Bound).Sequence);

        // 200 ms apart, 3.2 s make 16 repeats; doubling the wait each round (0.2, 0.4, 0.8, 1.6 s) makes 4.
        var repeats = silent.ReceiveWhile(TimeSpan.FromSeconds(3.2), m => m as CallInitiated);
        Assert.All(repeats, e => Assert.Equal(1, e!.Sequence));
        Assert.InRange(repeats.Count, 2, 6);
    }

    [Fact]
    public void An_event_is_sent_again_no_sooner_than_the_resend_interval_after_it_was_first_sent()
    {
        var sink = CreateTestProbe();
        var dialog = Spawn(Calls.Start("r1-6e"), Services(TimeSpan.FromHours(1), sink, resendInterval: TimeSpan.FromSeconds(1)));
        var initiated = sink.ExpectMsg<CallInitiated>(Bound);
        dialog.Tell(new CallEventAck(initiated.CallId, initiated.Sequence));
        sink.ExpectNoMsg(TimeSpan.FromMilliseconds(700));

        // Sent about 300 ms before the first event's resend would have been due; its own repeat waits a whole second.
        // Measured from the tell, which precedes the sending: a window of silence overshoots on a loaded machine.
        var sinceTold = System.Diagnostics.Stopwatch.StartNew();
        dialog.Tell(new BranchRelayed(1, "sip:bob@192.0.2.4:5060"));
        var forked = sink.ExpectMsg<CallForked>(Bound);
        Assert.Equal(forked.Sequence, sink.ExpectMsg<CallForked>(Bound).Sequence);
        Assert.True(sinceTold.Elapsed >= TimeSpan.FromMilliseconds(990), $"repeated {sinceTold.Elapsed.TotalMilliseconds:F0} ms after it was told");
    }

    [Fact]
    public void An_ended_dialog_whose_events_are_never_acknowledged_repeats_them_until_the_resend_limit_then_stops()
    {
        var silent = CreateTestProbe();
        var dialog = Watch(Spawn(Calls.Start("g1-6e"), Services(TimeSpan.FromHours(1), silent, TimeSpan.FromMilliseconds(100), resendLimit: TimeSpan.FromSeconds(1))));
        dialog.Tell(new FinalResponseSent(486));
        Assert.Equal(["CallInitiated", "CallFailed:486:rejected"], Calls.Describe([silent.ExpectMsg<CallEvent>(Bound), silent.ExpectMsg<CallEvent>(Bound)]));

        Assert.Contains(silent.ExpectMsg<CallEvent>(Bound).Type, new[] { "CallInitiated", "CallFailed" });
        ExpectTerminated(dialog, Bound);
        Assert.Null(_registry.Find("g1-6e"));
    }

    [Fact]
    public void Without_a_sink_an_ended_dialog_stops_at_once()
    {
        var services = Services(TimeSpan.FromHours(1), ActorRefs.Nobody);
        var dialog = Watch(Spawn(Calls.Start("n1-6e"), services));
        dialog.Tell(new FinalResponseSent(486));

        ExpectTerminated(dialog, Bound);
    }

    [Fact]
    public void Statistics_follow_the_states()
    {
        var dialog = Create("s1-6e");
        dialog.Tell(new BranchRelayed(1, "sip:bob@192.0.2.4:5060"));
        dialog.Tell(Response(1, CallMessages.Response(180, "b1", "s1-6e")));
        ExpectCall("CallInitiated", "CallForked:1", "CallRinging:1:180");
        Assert.Equal(new DialogStatisticsSnapshot(0, 1, 1, 0, 0), _statistics.Snapshot());

        dialog.Tell(Response(1, CallMessages.Response(200, "b1", "s1-6e")));
        ExpectCall("CallAnswered:1");
        Assert.Equal(new DialogStatisticsSnapshot(1, 0, 1, 0, 0), _statistics.Snapshot());
        Assert.Equal(DialogState.Confirmed, _registry.Find("s1-6e")!.Summary().State);

        dialog.Tell(new EndDialog("admin"), TestActor);
        ExpectMsg(new EndResult(true, DialogState.Terminated), Bound);
        ExpectCall("CallReleased:System:200:admin");
        ExpectStopped(dialog);
        Assert.Equal(new DialogStatisticsSnapshot(0, 0, 1, 0, 0), _statistics.Snapshot());
        Assert.Null(_registry.Find("s1-6e"));
    }

    [Fact]
    public void Ending_an_unanswered_call_is_refused()
    {
        var dialog = Create("e1-6e");
        ExpectCall("CallInitiated");

        dialog.Tell(new EndDialog("admin"), TestActor);

        ExpectMsg(new EndResult(false, DialogState.Unconfirmed), Bound);
        _requests.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    private IActorRef Answered(string id, TimeSpan? defaultTimeout = null)
    {
        var dialog = Create(id, defaultTimeout: defaultTimeout);
        dialog.Tell(new BranchRelayed(1, "sip:bob@192.0.2.4:5060"));
        dialog.Tell(Response(1, CallMessages.Response(200, "b1", id)));
        dialog.Tell(new FinalResponseSent(200));
        return dialog;
    }

    /// <summary>The dialog's details once it handled everything told before (a dialog handles its messages in order).</summary>
    private DialogDetails Details(IActorRef dialog)
    {
        dialog.Tell(GetDialog.Instance, TestActor);
        return ExpectMsg<DialogDetails>(Bound);
    }

    /// <summary>A forked INVITE that both callees answer: Bob on branch 1 first, then Carol on branch 2.</summary>
    private IActorRef AnsweredTwice(string id, TimeSpan? defaultTimeout = null)
    {
        var dialog = Create(id, defaultTimeout: defaultTimeout);
        dialog.Tell(new BranchRelayed(1, "sip:bob@192.0.2.4:5060"));
        dialog.Tell(new BranchRelayed(2, "sip:carol@192.0.2.5:5060"));
        dialog.Tell(Response(1, CallMessages.Response(200, "b1", id)));
        dialog.Tell(new FinalResponseSent(200));
        dialog.Tell(Response(2, CallMessages.Response(200, "b2", id, "sip:carol@192.0.2.5:5060")));
        return dialog;
    }

    private IActorRef Create(string id, int ignoreFirst = 0, TimeSpan? defaultTimeout = null)
    {
        var sink = Sys.ActorOf(TestSink.Props(_events, ignoreFirst));
        return Watch(Spawn(Calls.Start(id), Services(defaultTimeout ?? TimeSpan.FromHours(12), sink)));
    }

    /// <summary>The dialog as its node creates it, here under the user guardian.</summary>
    private IActorRef Spawn(DialogStart start, DialogServices services) =>
        DialogActor.Create(new ChildSpawner(((LocalActorRef)((ExtendedActorSystem)Sys).Guardian).Cell, Dispatchers.DefaultDispatcherId, new SmallMailbox()), start, services).Actor;

    private DialogServices Services(TimeSpan defaultTimeout, IActorRef sink, TimeSpan? resendInterval = null, TimeSpan? resendLimit = null) =>
        new(new DialogSettings(true, true, defaultTimeout, resendInterval ?? TimeSpan.FromMilliseconds(200), resendLimit ?? TimeSpan.FromMinutes(1)), sink, _requests, _statistics, _registry,
            new ProbeRouteEvents(_routeEvents));

    private void ExpectCall(params string[] expected)
    {
        var received = expected.Select(_ => _events.ExpectMsg<CallEvent>(Bound)).ToList();
        Assert.Equal(expected, Calls.Describe(received));
        Assert.Equal(Enumerable.Range((int)_nextSequence, expected.Length).Select(i => (long)i), received.Select(e => e.Sequence));
        _nextSequence += expected.Length;
    }

    private void ExpectStopped(IActorRef dialog)
    {
        ExpectTerminated(dialog, Bound);
        _events.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }
}
