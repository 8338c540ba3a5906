using ClusterSip.Callstore.Cdr;
using ClusterSip.Callstore.Tests.Support;
using ClusterSip.CallEvents;

namespace ClusterSip.Callstore.Tests;

public sealed class CdrBuilderTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_answered_call_with_forks_a_hold_and_a_transfer_has_its_times_durations_and_parties()
    {
        var call = new Calls("c-1", "example.com", "cluster-sip@127.0.0.1:4101", Start);
        CallEvent[] events =
        [
            call.Initiated(),
            call.Forked("1", "sip:bob@192.0.2.4", 0.01),
            call.Forked("2", "sip:bob@192.0.2.5", 0.01),
            call.Ringing("2", 0.5),
            call.Answered("2", 3),
            call.Held(PartyRole.Caller, 10),
            call.Retrieved(PartyRole.Caller, 14),
            call.Transferred("sip:carol@example.com", 20),
            call.Released(PartyRole.Callee, 33),
        ];

        var cdr = CdrBuilder.Build(7, events);

        Assert.Equal(("c-1", "c-1@test", 7, "example.com"), (cdr.CallId, cdr.SipCallId, cdr.Group, cdr.Domain));
        Assert.Equal(Start, cdr.StartTime);
        Assert.Equal(Start.AddSeconds(0.5), cdr.RingingTime);
        Assert.Equal(Start.AddSeconds(3), cdr.AnswerTime);
        Assert.Equal(Start.AddSeconds(33), cdr.EndTime);
        Assert.Equal(2.5, cdr.RingSeconds, 3);
        Assert.Equal(30, cdr.TalkSeconds, 3);
        Assert.Equal(["1", "2"], cdr.Forks.Select(f => f.BranchId));
        Assert.Equal([false, true], cdr.Forks.Select(f => f.Answered));
        Assert.Equal(("2", "sip:2@192.0.2.4"), (cdr.AnsweredBranch, cdr.AnsweredBy));
        var hold = Assert.Single(cdr.Holds);
        Assert.Equal((PartyRole.Caller, 4.0), (hold.By, hold.Seconds));
        Assert.Equal("sip:carol@example.com", Assert.Single(cdr.Transfers).Target);
        Assert.Equal((200, "bye", PartyRole.Callee), (cdr.FinalStatus, cdr.Cause, cdr.HungUpBy));
        Assert.Equal(["cluster-sip@127.0.0.1:4101"], cdr.Nodes);
    }

    [Fact]
    public void A_hold_still_on_at_the_end_lasts_until_the_end()
    {
        var call = new Calls("c-2", "example.com", "n1", Start);
        CallEvent[] events = [call.Initiated(), call.Answered("1", 1), call.Held(PartyRole.Callee, 5), call.Released(PartyRole.Caller, 9)];

        var hold = Assert.Single(CdrBuilder.Build(1, events).Holds);

        Assert.Equal((PartyRole.Callee, 4.0), (hold.By, hold.Seconds));
    }

    [Theory]
    [InlineData(FailureCauses.Cancelled, 487, PartyRole.Caller)]
    [InlineData(FailureCauses.Rejected, 486, PartyRole.Callee)]
    [InlineData(FailureCauses.Timeout, 408, PartyRole.System)]
    [InlineData(FailureCauses.NodeLost, 500, PartyRole.System)]
    public void An_unanswered_call_rang_until_it_failed_and_has_no_talk_time(string cause, int status, PartyRole hungUpBy)
    {
        var call = new Calls("c-3", "example.com", "n1", Start);
        CallEvent[] events = [call.Initiated(), call.Ringing("1", 1), call.Failed(cause, status, 7)];

        var cdr = CdrBuilder.Build(1, events);

        Assert.Equal((6.0, 0.0), (cdr.RingSeconds, cdr.TalkSeconds));
        Assert.Null(cdr.AnswerTime);
        Assert.Equal((status, cause, hungUpBy), (cdr.FinalStatus, cdr.Cause, cdr.HungUpBy));
    }

    [Fact]
    public void The_nodes_involved_are_every_node_that_served_an_event_in_order()
    {
        var call = new Calls("c-4", "example.com", "n1", Start);
        var first = call.Initiated();
        call.Node = "n2";
        CallEvent[] events = [first, call.Answered("1", 1), call.Released(PartyRole.Caller, 2)];

        Assert.Equal(["n1", "n2"], CdrBuilder.Build(1, events).Nodes);
    }

    [Fact]
    public void A_call_that_has_not_ended_has_no_CDR()
    {
        var call = new Calls("c-5", "example.com", "n1", Start);

        Assert.Throws<ArgumentException>(() => CdrBuilder.Build(1, [call.Initiated(), call.Answered("1", 1)]));
    }
}
