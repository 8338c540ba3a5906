using ClusterSip.CallEvents;
using ClusterSip.Dialogs.Tests.Support;
using ClusterSip.Sip.Messages;
using static ClusterSip.Dialogs.DialogInputReader;

namespace ClusterSip.Dialogs.Tests;

public class DialogTests
{
    private const string Id = "c1-6e";
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 18, 0, 0, TimeSpan.Zero);

    private readonly Dialog _dialog = new(Calls.Start(Id), T0);
    private readonly List<CallEvent> _events = [];
    private readonly List<SipRequest> _requests = [];

    public DialogTests() => Collect(_dialog.Begin());

    [Fact]
    public void Forked_early_dialogs_end_when_one_branch_answers()
    {
        Feed(new BranchRelayed(1, "sip:bob@192.0.2.4:5060"), new BranchRelayed(2, "sip:bob@192.0.2.5:5060"));
        Feed(Response(1, CallMessages.Response(180, "b1", Id)));
        Assert.Equal(DialogState.Early, _dialog.State);
        Feed(Response(2, CallMessages.Response(183, "b2", Id, "sip:bob@192.0.2.5:5060")), Response(1, CallMessages.Response(180, "b1", Id)));
        Feed(Response(2, CallMessages.Response(200, "b2", Id, "sip:bob@192.0.2.5:5060")), Response(1, CallMessages.Response(487, "b1", Id)), new FinalResponseSent(200));
        Feed(InDialog(CallMessages.InDialog("BYE", fromCaller: true, "b2", 314160)));

        Assert.Equal(
            ["CallInitiated", "CallForked:1", "CallForked:2", "CallRinging:1:180", "CallRinging:2:183", "CallAnswered:2", "CallReleased:Caller:200:bye"],
            Calls.Describe(_events));
        Assert.Equal(Enumerable.Range(1, 7).Select(i => (long)i), _events.Select(e => e.Sequence));
        Assert.Equal(DialogState.Terminated, _dialog.State);
        Assert.Equal("sip:bob@192.0.2.5:5060", ((CallAnswered)_events[5]).AnsweredBy);
    }

    [Fact]
    public void A_100_with_a_To_tag_makes_no_early_dialog()
    {
        Feed(new BranchRelayed(1, "sip:bob@192.0.2.4:5060"), Response(1, CallMessages.Response(100, "b1", Id)));
        Assert.Equal(DialogState.Unconfirmed, _dialog.State);

        Feed(Response(1, CallMessages.Response(180, "b1", Id)));
        Assert.Equal(DialogState.Early, _dialog.State);
        Assert.Equal(["CallInitiated", "CallForked:1", "CallRinging:1:180"], Calls.Describe(_events));
    }

    [Fact]
    public void The_caller_ending_the_dialog_of_a_second_fork_answer_leaves_the_call_up()
    {
        AnswerTwice();
        Assert.Equal(["CallInitiated", "CallForked:1", "CallForked:2", "CallAnswered:1"], Calls.Describe(_events));
        Assert.Equal(
            [(1, "b1", "sip:bob@192.0.2.4:5060", false), (2, "b2", "sip:carol@192.0.2.5:5060", false)],
            _dialog.Answered.Select(d => (d.Branch, d.CalleeTag, d.CalleeTarget, d.Ended)));
        Assert.Equal(1, _dialog.ExtraDialogs);

        // RFC 3261 13.2.2.4: the caller acknowledges the second 2xx and ends that dialog with a BYE of its own.
        Feed(InDialog(CallMessages.InDialog("BYE", fromCaller: true, "b2", 314160)));
        Assert.Equal(DialogState.Confirmed, _dialog.State);
        Assert.Equal(["CallInitiated", "CallForked:1", "CallForked:2", "CallAnswered:1"], Calls.Describe(_events));
        Assert.Equal([false, true], _dialog.Answered.Select(d => d.Ended));
        Assert.Equal(0, _dialog.ExtraDialogs);

        Feed(InDialog(CallMessages.InDialog("BYE", fromCaller: true, "b1", 314161)));
        Assert.Equal("CallReleased:Caller:200:bye", Calls.Describe(_events[^1]));
        Assert.Equal(5, _events.Count);
        Assert.Equal(DialogState.Terminated, _dialog.State);
    }

    [Fact]
    public void When_the_first_answer_ends_first_the_call_goes_on_in_the_second_until_it_ends()
    {
        AnswerTwice();
        Feed(InDialog(CallMessages.InDialog("BYE", fromCaller: false, "b1", 5)));
        Assert.Equal(DialogState.Confirmed, _dialog.State);

        Feed(InDialog(CallMessages.InDialog("INVITE", fromCaller: false, "b2", 1, CallMessages.HoldSdp, contact: "sip:carol@192.0.2.5:5060")));
        Feed(InDialog(CallMessages.InDialog("BYE", fromCaller: true, "b1", 314160))); // the ended dialog again: nothing
        Feed(InDialog(CallMessages.InDialog("BYE", fromCaller: false, "b2", 2, contact: "sip:carol@192.0.2.5:5060")));

        Assert.Equal(["CallInitiated", "CallForked:1", "CallForked:2", "CallAnswered:1", "CallHeld:Callee", "CallReleased:Callee:200:bye"], Calls.Describe(_events));
        Assert.Equal(Enumerable.Range(1, 6).Select(i => (long)i), _events.Select(e => e.Sequence));
    }

    [Fact]
    public void A_retransmitted_2xx_makes_no_further_dialog()
    {
        AnswerTwice();
        Feed(Response(2, CallMessages.Response(200, "b2", Id, "sip:carol@192.0.2.5:5060")), Response(1, CallMessages.Response(200, "b1", Id)));

        Assert.Equal(["b1", "b2"], _dialog.Answered.Select(d => d.CalleeTag));
        Assert.Equal(["CallInitiated", "CallForked:1", "CallForked:2", "CallAnswered:1"], Calls.Describe(_events));
    }

    [Fact]
    public void Each_answered_dialog_keeps_its_own_targets_route_set_and_cseqs()
    {
        Feed(new BranchRelayed(1, "sip:bob@example.com"), new BranchRelayed(2, "sip:carol@example.com"));
        Feed(Response(1, CallMessages.Response(200, "b1", Id)), new FinalResponseSent(200));
        Feed(Response(2, CallMessages.Response(200, "b2", Id, "sip:carol@192.0.2.5:5060", downstream: "sip:p2.example.net;lr")));
        Feed(InDialog(CallMessages.InDialog("INVITE", fromCaller: true, "b2", 314170, CallMessages.ActiveSdp, contact: "sip:alice@192.0.2.9:5070")));
        Feed(InDialog(CallMessages.InDialog("INFO", fromCaller: false, "b2", 40, contact: "sip:carol@192.0.2.5:5060")));

        var (first, second) = (_dialog.Answered[0], _dialog.Answered[1]);
        Assert.Equal(("sip:alice@192.0.2.1:5060", "sip:alice@192.0.2.9:5070"), (first.CallerTarget, second.CallerTarget));
        Assert.Equal(("sip:bob@192.0.2.4:5060", "sip:carol@192.0.2.5:5060"), (first.CalleeTarget, second.CalleeTarget));
        Assert.Empty(first.RoutesTowardsCallee);
        Assert.Equal(["sip:p2.example.net;lr"], second.RoutesTowardsCallee);

        // The system ends both dialogs: each party of each gets a BYE in that dialog, with the next CSeq of its side.
        Feed(new EndDialog("admin"));
        Assert.Equal(
        [
            "sip:bob@192.0.2.4:5060 b1>1928301774 314160",
            "sip:alice@192.0.2.1:5060 1928301774>b1 1",
            "sip:carol@192.0.2.5:5060 b2>1928301774 314171",
            "sip:alice@192.0.2.9:5070 1928301774>b2 41",
        ], _requests.Select(r => $"{r.RequestUri} {r.To!.Tag}>{r.From!.Tag} {r.CSeq!.Number}"));
        Assert.Equal(["sip:p2.example.net;lr"], _requests[2].Routes.Select(r => r.Uri.ToString()));
        Assert.Equal("CallReleased:System:200:admin", Calls.Describe(_events[^1]));
        Assert.Single(_events, e => e is CallReleased);
        Assert.All(_dialog.Answered, d => Assert.True(d.Ended));
    }

    [Fact]
    public void Every_event_carries_the_call()
    {
        Feed(new BranchRelayed(1, "sip:bob@192.0.2.4:5060"));

        Assert.All(_events, e =>
        {
            Assert.Equal(Id, e.CallId);
            Assert.Equal(CallMessages.CallId, e.SipCallId);
            Assert.Equal("example.com", e.Domain);
            Assert.Equal(new CallParty("Alice", "sip:alice@example.com"), e.From);
            Assert.Equal(new CallParty("Bob", "sip:bob@Example.COM"), e.To);
            Assert.Equal(Calls.Node, e.Node);
            Assert.Equal(T0, e.Time);
        });
    }

    [Fact]
    public void A_provisional_response_without_a_to_tag_rings_but_makes_no_early_dialog()
    {
        Feed(new BranchRelayed(1, "sip:bob@192.0.2.4:5060"), Response(1, CallMessages.Response(180, null, Id)));

        Assert.Equal(["CallInitiated", "CallForked:1", "CallRinging:1:180"], Calls.Describe(_events));
        Assert.Equal(DialogState.Unconfirmed, _dialog.State);
    }

    [Fact]
    public void Hold_and_retrieve_by_reinvite_and_update()
    {
        Answer();
        Feed(InDialog(CallMessages.InDialog("INVITE", fromCaller: true, "b1", 314160, CallMessages.HoldSdp)));
        Feed(InDialog(CallMessages.InDialog("INVITE", fromCaller: true, "b1", 314161, CallMessages.HoldSdp)));
        Feed(InDialog(CallMessages.InDialog("UPDATE", fromCaller: false, "b1", 1, CallMessages.ActiveSdp)));
        Feed(InDialog(CallMessages.InDialog("INVITE", fromCaller: false, "b1", 2, CallMessages.ActiveSdp)));

        Assert.Equal(["CallInitiated", "CallForked:1", "CallAnswered:1", "CallHeld:Caller", "CallRetrieved:Callee"], Calls.Describe(_events));
    }

    [Fact]
    public void A_refer_is_a_transfer_to_its_refer_to_without_embedded_headers()
    {
        Answer();
        Feed(InDialog(CallMessages.InDialog("REFER", fromCaller: false, "b1", 1, extraHeaders: "Refer-To: <sip:carol@example.com?Replaces=abc%3Bto-tag%3D1%3Bfrom-tag%3D2>\r\n")));

        Assert.Equal("CallTransferred:Callee:Refer:sip:carol@example.com", Calls.Describe(_events[^1]));
    }

    [Fact]
    public void An_invite_with_replaces_is_a_transfer_by_the_party_it_reached()
    {
        Answer();
        var replacing = CallMessages.Invite($"Replaces: {CallMessages.CallId};to-tag={CallMessages.CallerTag};from-tag=b1\r\n");
        var (sipCallId, fromTag, input) = Replaces(replacing)!.Value;
        Feed(input);

        Assert.Equal((CallMessages.CallId, "b1"), (sipCallId, fromTag));
        Assert.Equal("CallTransferred:Caller:Replaces:sip:bob@example.com", Calls.Describe(_events[^1]));
    }

    [Fact]
    public void The_callee_hangs_up()
    {
        Answer();
        Feed(InDialog(CallMessages.InDialog("BYE", fromCaller: false, "b1", 7)));

        Assert.Equal(["CallInitiated", "CallForked:1", "CallAnswered:1", "CallReleased:Callee:200:bye"], Calls.Describe(_events));
    }

    [Fact]
    public void A_request_with_an_unknown_tag_or_before_the_answer_changes_nothing()
    {
        Feed(InDialog(CallMessages.InDialog("BYE", fromCaller: false, "b1", 7)));
        Answer();
        Feed(InDialog(CallMessages.InDialog("BYE", fromCaller: false, "someone-else", 7)));

        Assert.Equal(["CallInitiated", "CallForked:1", "CallAnswered:1"], Calls.Describe(_events));
        Assert.Equal(DialogState.Confirmed, _dialog.State);
    }

    [Fact]
    public void Timeout_sends_bye_to_both_sides_through_their_route_sets()
    {
        Feed(new BranchRelayed(1, "sip:bob@example.com"), Response(1, CallMessages.Response(200, "b1", Id, downstream: "sip:p2.example.net;lr")));
        Feed(InDialog(CallMessages.InDialog("INVITE", fromCaller: false, "b1", 20, CallMessages.ActiveSdp)));
        Feed(new DialogTimedOut());

        Assert.Equal("CallReleased:System:408:timeout", Calls.Describe(_events[^1]));
        Assert.Equal(2, _requests.Count);
        var toCallee = _requests[0];
        Assert.Equal("BYE sip:bob@192.0.2.4:5060 SIP/2.0", toCallee.ToString().Split("\r\n")[0]);
        Assert.Equal(["sip:p2.example.net;lr"], toCallee.Routes.Select(r => r.Uri.ToString()));
        Assert.Equal(CallMessages.CallerTag, toCallee.From!.Tag);
        Assert.Equal("b1", toCallee.To!.Tag);
        Assert.Equal("314160 BYE", toCallee.CSeq!.ToString());
        Assert.Equal(CallMessages.CallId, toCallee.CallId);

        var toCaller = _requests[1];
        Assert.Equal("sip:alice@192.0.2.1:5060", toCaller.RequestUri.ToString());
        Assert.Equal(["sip:p1.example.com;lr"], toCaller.Routes.Select(r => r.Uri.ToString()));
        Assert.Equal("b1", toCaller.From!.Tag);
        Assert.Equal(CallMessages.CallerTag, toCaller.To!.Tag);
        Assert.Equal("21 BYE", toCaller.CSeq!.ToString());
    }

    [Fact]
    public void A_bye_towards_a_strict_router_leaves_addressed_to_it_with_the_target_as_the_last_route()
    {
        Feed(new BranchRelayed(1, "sip:bob@example.com"), Response(1, CallMessages.Response(200, "b1", Id, downstream: "sip:p2.example.net")));
        Feed(new DialogTimedOut());

        var toCallee = _requests[0];
        Assert.Equal(["sip:p2.example.net"], toCallee.Routes.Select(r => r.Uri.ToString()));
        // What LocalRequestSender, which sends the dialog's requests, does with it (RFC 3261 12.2.1.1).
        Assert.Equal("sip:p2.example.net", ClusterSip.Sip.Stack.Proxy.RouteSet.NextHop(toCallee).ToString());
        Assert.Equal("sip:p2.example.net", toCallee.RequestUri.ToString());
        Assert.Equal(["sip:bob@192.0.2.4:5060"], toCallee.Routes.Select(r => r.Uri.ToString()));
    }

    [Fact]
    public void End_of_a_confirmed_call_releases_it_by_the_system()
    {
        Answer();
        Feed(new EndDialog("admin"));

        Assert.Equal("CallReleased:System:200:admin", Calls.Describe(_events[^1]));
        Assert.Equal(2, _requests.Count);
        Assert.Equal(DialogState.Terminated, _dialog.State);
    }

    [Fact]
    public void End_or_timeout_of_an_unanswered_call_does_nothing()
    {
        Feed(new EndDialog("admin"), new DialogTimedOut());

        Assert.Equal(["CallInitiated"], Calls.Describe(_events));
        Assert.Empty(_requests);
        Assert.Equal(DialogState.Unconfirmed, _dialog.State);
    }

    [Fact]
    public void A_cancelled_call_fails_as_cancelled()
    {
        Feed(new BranchRelayed(1, "sip:bob@192.0.2.4:5060"), Response(1, CallMessages.Response(180, "b1", Id)), new CancelReceived());
        Feed(Response(1, CallMessages.Response(487, "b1", Id)), new FinalResponseSent(487));

        Assert.Equal(["CallInitiated", "CallForked:1", "CallRinging:1:180", "CallFailed:487:cancelled"], Calls.Describe(_events));
        Assert.Equal(DialogState.Terminated, _dialog.State);
    }

    [Theory]
    [InlineData(486, "rejected")]
    [InlineData(603, "rejected")]
    [InlineData(408, "timeout")]
    public void A_final_non_2xx_to_the_caller_fails_the_call(int code, string cause)
    {
        Feed(new BranchRelayed(1, "sip:bob@192.0.2.4:5060"), Response(1, CallMessages.Response(code, "b1", Id)), new FinalResponseSent(code));

        Assert.Equal(["CallInitiated", "CallForked:1", $"CallFailed:{code}:{cause}"], Calls.Describe(_events));
    }

    [Fact]
    public void A_failed_branch_does_not_fail_the_call_while_another_may_answer()
    {
        Feed(new BranchRelayed(1, "sip:a@192.0.2.4"), new BranchRelayed(2, "sip:b@192.0.2.5"));
        Feed(Response(1, CallMessages.Response(180, "b1", Id)), Response(1, CallMessages.Response(486, "b1", Id)));
        Assert.Equal(DialogState.Unconfirmed, _dialog.State);
        Feed(Response(2, CallMessages.Response(200, "b2", Id)));

        Assert.Equal("CallAnswered:2", Calls.Describe(_events[^1]));
    }

    [Fact]
    public void Nothing_follows_the_last_event()
    {
        Answer();
        Feed(InDialog(CallMessages.InDialog("BYE", fromCaller: true, "b1", 314160)));
        Feed(InDialog(CallMessages.InDialog("BYE", fromCaller: false, "b1", 3)), new FinalResponseSent(486), new EndDialog("admin"), new DialogTimedOut());
        Feed(new SetUserData(new Dictionary<string, string?> { ["queue"] = "sales" }));

        Assert.Equal("CallReleased:Caller:200:bye", Calls.Describe(_events[^1]));
        Assert.Empty(_requests);
    }

    [Fact]
    public void A_2xx_of_another_branch_after_the_call_was_released_is_not_followed()
    {
        Feed(new BranchRelayed(1, "sip:bob@192.0.2.4:5060"), new BranchRelayed(2, "sip:carol@192.0.2.5:5060"));
        Feed(Response(1, CallMessages.Response(200, "b1", Id)), new FinalResponseSent(200));
        Feed(InDialog(CallMessages.InDialog("BYE", fromCaller: true, "b1", 314160)));

        Feed(Response(2, CallMessages.Response(200, "b2", Id, "sip:carol@192.0.2.5:5060")));
        Feed(InDialog(CallMessages.InDialog("BYE", fromCaller: true, "b2", 314160)));

        Assert.Equal(["CallInitiated", "CallForked:1", "CallForked:2", "CallAnswered:1", "CallReleased:Caller:200:bye"], Calls.Describe(_events));
        Assert.Equal(["b1"], _dialog.Answered.Select(a => a.CalleeTag));
        Assert.Equal(DialogState.Terminated, _dialog.State);
    }

    [Fact]
    public void A_2xx_after_the_call_failed_is_not_followed()
    {
        // The callee's 2xx crossed the CANCEL after the other branch's 487 and this one's timeout ended the call.
        Feed(new BranchRelayed(1, "sip:bob@192.0.2.4:5060"), new BranchRelayed(2, "sip:carol@192.0.2.5:5060"), new CancelReceived());
        Feed(Response(1, CallMessages.Response(487, "b1", Id)), Response(2, CallMessages.Response(408, null, Id)), new FinalResponseSent(487));

        Feed(Response(2, CallMessages.Response(200, "b2", Id, "sip:carol@192.0.2.5:5060")));

        Assert.Equal(["CallInitiated", "CallForked:1", "CallForked:2", "CallFailed:487:cancelled"], Calls.Describe(_events));
        Assert.Empty(_dialog.Answered);
    }

    [Fact]
    public void User_data_changes_are_events_that_later_events_carry()
    {
        Feed(new SetUserData(new Dictionary<string, string?> { ["queue"] = "sales", ["vip"] = "yes" }));
        Feed(new SetUserData(new Dictionary<string, string?> { ["queue"] = "sales" }));
        Feed(new SetUserData(new Dictionary<string, string?> { ["vip"] = null, ["absent"] = null }));
        Feed(new BranchRelayed(1, "sip:bob@192.0.2.4:5060"));

        Assert.Equal(["CallInitiated", "UserDataChanged:queue,vip", "UserDataChanged:vip", "CallForked:1"], Calls.Describe(_events));
        Assert.Equal(new Dictionary<string, string> { ["queue"] = "sales", ["vip"] = "yes" }, _events[1].UserData);
        Assert.Equal(new Dictionary<string, string> { ["queue"] = "sales" }, _events[3].UserData);
        Assert.Empty(_events[0].UserData);
    }

    [Fact]
    public void Target_refreshes_move_the_targets()
    {
        Answer();
        Feed(InDialog(CallMessages.InDialog("INVITE", fromCaller: false, "b1", 2, CallMessages.ActiveSdp)));

        var answered = Assert.Single(_dialog.Answered);
        Assert.Equal("sip:bob@192.0.2.4:5060", answered.CalleeTarget);
        Assert.Equal("sip:alice@192.0.2.1:5060", answered.CallerTarget);
        Assert.Equal(["sip:p1.example.com;lr"], _dialog.RoutesTowardsCaller);
        Assert.Empty(answered.RoutesTowardsCallee);
    }

    private void Answer() => Feed(new BranchRelayed(1, "sip:bob@192.0.2.4:5060"), Response(1, CallMessages.Response(200, "b1", Id)), new FinalResponseSent(200));

    /// <summary>A forked INVITE that both callees answer: Bob on branch 1 first, then Carol on branch 2.</summary>
    private void AnswerTwice()
    {
        Feed(new BranchRelayed(1, "sip:bob@192.0.2.4:5060"), new BranchRelayed(2, "sip:carol@192.0.2.5:5060"));
        Feed(Response(1, CallMessages.Response(200, "b1", Id)), new FinalResponseSent(200));
        Feed(Response(2, CallMessages.Response(200, "b2", Id, "sip:carol@192.0.2.5:5060")));
    }

    private void Feed(params IDialogInput[] inputs)
    {
        foreach (var input in inputs)
        {
            Collect(_dialog.Handle(input, T0));
        }
    }

    private void Collect(DialogOutput output)
    {
        _events.AddRange(output.Events);
        _requests.AddRange(output.Requests);
    }
}
