using System.Net;
using System.Text;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;
using ClusterSip.Sip.Stack.Routing;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.RouteEvents.Tests;

/// <summary>WaitFor and Subscribe across two cluster nodes: INVITEs parked on A over real UDP, events raised on B.</summary>
public sealed class RouteEventBusTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(700);

    [Fact]
    public async Task An_event_raised_on_B_resumes_the_invite_parked_on_A()
    {
        using var caller = new LoopbackUa();
        var callId = NewCallId();
        await caller.Send(nodes.Sip, Invite(caller, nodes.Sip, "wait", callId, 10_000));
        await caller.Receive(IsResponse(100));

        nodes.BusB.Publish(Ping(callId, ("value", "5")));

        var final = (SipResponse)await caller.Receive(IsFinal);
        Assert.Equal(486, final.StatusCode);
        Assert.Equal("Woken 5", final.ReasonPhrase);
    }

    [Fact]
    public async Task A_wait_that_no_event_matches_runs_its_timeout_branch()
    {
        using var caller = new LoopbackUa();
        await caller.Send(nodes.Sip, Invite(caller, nodes.Sip, "wait", NewCallId(), 300));
        await caller.Receive(IsResponse(100));

        var final = (SipResponse)await caller.Receive(IsFinal);
        Assert.Equal(480, final.StatusCode);
        Assert.Equal("Timed out", final.ReasonPhrase);
    }

    [Fact]
    public async Task An_event_whose_attributes_do_not_match_the_filter_does_not_wake_the_waiter()
    {
        using var caller = new LoopbackUa();
        var callId = NewCallId();
        await caller.Send(nodes.Sip, Invite(caller, nodes.Sip, "wait", callId, 10_000));
        await caller.Receive(IsResponse(100));

        nodes.BusB.Publish(Ping("another-call", ("value", "1")));
        nodes.BusB.Publish(RouteEvent.Of("PONG", ("callid", callId), ("value", "2")));
        nodes.BusB.Publish(RouteEvent.Of(TwoNodes.EventName, ("value", "3"))); // the filter's attribute missing
        Assert.True(await caller.Silent(IsFinal, Quiet));

        nodes.BusB.Publish(Ping(callId, ("value", "4")));
        var final = (SipResponse)await caller.Receive(IsFinal);
        Assert.Equal("Woken 4", final.ReasonPhrase);
    }

    [Fact]
    public async Task A_waiter_whose_transaction_was_cancelled_gets_no_event()
    {
        using var caller = new LoopbackUa();
        var callId = NewCallId();
        var invite = Invite(caller, nodes.Sip, "wait", callId, 10_000);
        await caller.Send(nodes.Sip, invite);
        await caller.Receive(IsResponse(100));
        Assert.True(await nodes.BusA.Waiting() >= 1);
        await caller.Send(nodes.Sip, Parse(invite).CreateCancel());
        var terminated = (SipResponse)await caller.Receive(IsFinalOf(SipMethods.Invite));
        Assert.Equal(487, terminated.StatusCode);
        await caller.Send(nodes.Sip, Parse(invite).CreateAck(terminated));
        await Eventually.Value(nodes.BusA.Waiting, n => n == 0, "the cancelled transaction's wait ending", TimeSpan.FromSeconds(10));
        var resumedBefore = nodes.Script.Resumed;

        nodes.BusB.Publish(Ping(callId, ("value", "9")));

        Assert.True(await caller.Silent(m => m is SipResponse { CSeq.Method: SipMethods.Invite } r && r.StatusCode != 487, Quiet)); // 487 retransmissions until our ACK arrives aside
        Assert.Equal(resumedBefore, nodes.Script.Resumed);
    }

    [Fact]
    public async Task A_subscription_relays_to_each_event_keeps_the_call_open_while_branches_fail_and_answers_480_at_its_timeout()
    {
        using var caller = new LoopbackUa();
        using var desk = new LoopbackUa();
        using var mobile = new LoopbackUa();
        var callId = NewCallId();
        await caller.Send(nodes.Sip, Invite(caller, nodes.Sip, "subscribe", callId, 2_000));
        await caller.Receive(IsResponse(100));

        nodes.BusB.Publish(Ping(callId, ("contact", desk.Uri)));
        var toDesk = (SipRequest)await desk.Receive(IsRequest(SipMethods.Invite));
        await desk.Send(nodes.Sip, SipResponse.CreateFor(toDesk, 486, toTag: "desk"));

        nodes.BusB.Publish(Ping(callId, ("contact", mobile.Uri)));
        var toMobile = (SipRequest)await mobile.Receive(IsRequest(SipMethods.Invite));
        await mobile.Send(nodes.Sip, SipResponse.CreateFor(toMobile, 180, toTag: "mobile"));

        var final = (SipResponse)await caller.Receive(IsFinal); // not the desk's 486: the subscription held the call
        Assert.Equal(480, final.StatusCode);
        var cancel = (SipRequest)await mobile.Receive(IsRequest(SipMethods.Cancel));
        Assert.Equal(toMobile.TopVia!.Branch, cancel.TopVia!.Branch);
    }

    [Fact]
    public async Task A_subscription_ends_with_its_answered_call()
    {
        using var caller = new LoopbackUa();
        using var mobile = new LoopbackUa();
        using var late = new LoopbackUa();
        var callId = NewCallId();
        await caller.Send(nodes.Sip, Invite(caller, nodes.Sip, "subscribe", callId, 10_000));
        await caller.Receive(IsResponse(100));

        nodes.BusB.Publish(Ping(callId, ("contact", mobile.Uri)));
        var toMobile = (SipRequest)await mobile.Receive(IsRequest(SipMethods.Invite));
        await mobile.Send(nodes.Sip, SipResponse.CreateFor(toMobile, 200, toTag: "mobile"));
        Assert.Equal(200, ((SipResponse)await caller.Receive(IsFinal)).StatusCode);

        nodes.BusB.Publish(Ping(callId, ("contact", late.Uri)));
        Assert.True(await late.Silent(IsRequest(SipMethods.Invite), Quiet));
    }

    [Fact]
    public async Task A_listener_bound_to_no_transaction_hears_matching_events_from_B_until_it_is_disposed()
    {
        var heard = System.Threading.Channels.Channel.CreateUnbounded<string>();
        var listening = nodes.BusA.Listen(
            TwoNodes.EventName,
            new Dictionary<string, string> { ["callid"] = "listened" },
            e => heard.Writer.TryWrite(e["value"]!),
            TimeSpan.FromSeconds(30));
        await Eventually.Value(nodes.BusA.Waiting, n => n >= 1, "the listener being registered", TimeSpan.FromSeconds(10));

        nodes.BusB.Publish(Ping("other", ("value", "0")));
        nodes.BusB.Publish(Ping("listened", ("value", "1")));
        nodes.BusB.Publish(Ping("listened", ("value", "2")));
        using var within = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Assert.Equal("1", await heard.Reader.ReadAsync(within.Token));
        Assert.Equal("2", await heard.Reader.ReadAsync(within.Token));

        listening.Dispose();
        await Eventually.Value(nodes.BusA.Waiting, n => n == 0, "the listener ending", TimeSpan.FromSeconds(10));
        nodes.BusB.Publish(Ping("listened", ("value", "3")));
        using var quiet = new CancellationTokenSource(Quiet);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await heard.Reader.ReadAsync(quiet.Token));
    }

    [Fact]
    public async Task A_name_no_node_listens_for_is_published_once_a_listener_on_A_starts_and_B_hears_of_it()
    {
        const string name = "LATE";
        Assert.False(nodes.BusA.Publishes(name));
        Assert.False(nodes.BusB.Publishes(name));
        var heard = System.Threading.Channels.Channel.CreateUnbounded<string>();

        using var listening = nodes.BusA.Listen(name, new Dictionary<string, string>(), e => heard.Writer.TryWrite(e["value"]!), TimeSpan.FromSeconds(30));

        Assert.True(nodes.BusA.Publishes(name));
        await Eventually.Value(() => Task.FromResult(nodes.BusB.Publishes(name)), on => on, "B hearing of A's listener through the mediator's topics", TimeSpan.FromSeconds(30));
        nodes.BusB.Publish(RouteEvent.Of(name, ("value", "1")));
        using var within = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Assert.Equal("1", await heard.Reader.ReadAsync(within.Token));
    }

    private static RouteEvent Ping(string callId, params (string, string)[] attributes) =>
        RouteEvent.Of(TwoNodes.EventName, [("callid", callId), .. attributes]);

    private static string Invite(LoopbackUa ua, IPEndPoint proxy, string user, string callId, int timeoutMs) =>
        $"INVITE sip:{user}@{proxy} SIP/2.0\r\n" +
        $"Via: SIP/2.0/UDP {ua.EndPoint};branch=z9hG4bK-{Guid.NewGuid():N}\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: <sip:alice@example.com>;tag=caller\r\n" +
        $"To: <sip:{user}@{proxy}>\r\n" +
        $"Call-ID: {callId}\r\n" +
        "CSeq: 1 INVITE\r\n" +
        $"Contact: <{ua.Uri}>\r\n" +
        $"X-Timeout: {timeoutMs}\r\n" +
        "Content-Length: 0\r\n\r\n";

    private static string NewCallId() => $"{Guid.NewGuid():N}@route-events";

    private static SipRequest Parse(string request) => (SipRequest)SipParser.Parse(Encoding.UTF8.GetBytes(request));

    private static Func<SipMessage, bool> IsResponse(int code) => m => m is SipResponse r && r.StatusCode == code;

    private static Func<SipMessage, bool> IsRequest(string method) => m => m is SipRequest r && r.Method == method;

    private static Func<SipMessage, bool> IsFinalOf(string method) => m => m is SipResponse { IsFinal: true } r && r.CSeq!.Method == method;

    private static bool IsFinal(SipMessage message) => message is SipResponse { IsFinal: true };
}
