using Akka.Event;
using Akka.TestKit;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Proxy;
using ClusterSip.Sip.Stack.Resolution;
using ClusterSip.Sip.Stack.Tests.Support;
using ClusterSip.Sip.Stack.Transport;
using ClusterSip.Sip.Uris;
using Xunit;
using Xunit.Abstractions;
using static ClusterSip.Sip.Stack.Tests.Support.SipTestMessages;

namespace ClusterSip.Sip.Stack.Tests.Proxy;

/// <summary>An exception inside a transaction ends it: a final response to the caller, a log line with the cause, nothing left over.</summary>
public sealed class FaultTests(ITestOutputHelper output) : TmTestKit(output)
{
    private static readonly SipEndPoint TcpCallee = new(SipProtocol.Tcp, CalleeB.Address);

    [Fact]
    public void A_target_answered_asynchronously_on_a_transport_without_listener_ends_with_503_and_a_log_line()
    {
        Transport.LocalEndPoints = [FakeTransport.LocalUdp];
        Transport.AdvertisedEndPoints = [FakeTransport.LocalUdp];
        var answer = new TaskCompletionSource<IReadOnlyList<SipEndPoint>>();
        Resolver = new AnswerResolver(answer.Task);
        var layer = StartLayer(new DelegateRouteScript(c => c.TRelay()));
        layer.OnMessage(From(Request("INVITE", uri: "sip:bob@tcp-only.test"), Caller));
        ExpectResponse(100);

        EventFilter.Warning(contains: "Tcp").ExpectOne(() => answer.SetResult([TcpCallee]));
        var final = ExpectResponse(503);
        layer.OnMessage(From(AckFor(final), Caller));
        ExpectNothingSent();
        Advance(TimeSpan.FromSeconds(6));
        AwaitAllEnded(layer);
    }

    [Fact]
    public void A_tcp_address_without_listener_fails_over_to_the_next_address()
    {
        Transport.LocalEndPoints = [FakeTransport.LocalUdp];
        Transport.AdvertisedEndPoints = [FakeTransport.LocalUdp];
        Resolver = new FakeResolver(new Dictionary<string, IReadOnlyList<SipEndPoint>> { ["gw.test"] = [TcpCallee, CalleeA] });
        var layer = StartLayer(new DelegateRouteScript(c => c.TRelay()));
        layer.OnMessage(From(Request("OPTIONS", uri: "sip:bob@gw.test"), Caller));
        var sent = ExpectRequest("OPTIONS", CalleeA);
        layer.OnMessage(From(ResponseTo(sent, 200), CalleeA));
        ExpectResponse(200);
    }

    [Fact]
    public void A_request_route_that_throws_gets_500_a_log_line_and_the_transaction_ends()
    {
        var layer = StartLayer(new DelegateRouteScript(_ => throw new InvalidOperationException("script bug")));
        EventFilter.Exception<InvalidOperationException>(contains: "script bug").ExpectOne(
            () => layer.OnMessage(From(Request("OPTIONS"), Caller)));
        ExpectResponse(500);
        Advance(TimeSpan.FromSeconds(6));
        AwaitAllEnded(layer);
    }

    [Fact]
    public void A_reply_route_that_throws_ends_the_invite_with_500_and_cancels_the_branch()
    {
        var layer = StartLayer(new DelegateRouteScript(c =>
        {
            c.TOnReply("r");
            c.TRelay();
        })
        {
            Reply = (_, _) => throw new InvalidOperationException("reply route bug"),
        });
        layer.OnMessage(From(Request("INVITE"), Caller));
        ExpectResponse(100);
        var invite = ExpectRequest("INVITE", CalleeA);

        EventFilter.Exception<InvalidOperationException>(contains: "reply route bug").ExpectOne(
            () => layer.OnMessage(From(ResponseTo(invite, 180), CalleeA)));
        var sent = ExpectSent(2);
        var final = FindResponse(sent, 500);
        var cancel = Find(sent, "CANCEL", CalleeA);

        layer.OnMessage(From(AckFor(final), Caller));
        layer.OnMessage(From(ResponseTo(cancel, 200), CalleeA));
        var terminated = ResponseTo(invite, 487);
        layer.OnMessage(From(terminated, CalleeA));
        ExpectRequest("ACK", CalleeA); // the branch's 487 is acknowledged by its client transaction
        ExpectNothingSent(); // ...and goes nowhere: the caller already has its final response
        Advance(TimeSpan.FromSeconds(40));
        AwaitAllEnded(layer);
    }

    [Fact]
    public void A_callback_that_throws_ends_the_transaction_with_500()
    {
        var layer = StartLayer(new DelegateRouteScript(c =>
        {
            c.OnTransaction(new ThrowingCallbacks());
            c.TRelay();
        }));
        EventFilter.Exception<InvalidOperationException>(contains: "callback bug").ExpectOne(
            () => layer.OnMessage(From(Request("OPTIONS"), Caller)));
        ExpectResponse(500);
        ExpectNothingSent();
        Advance(TimeSpan.FromSeconds(40));
        AwaitAllEnded(layer);
    }

    private static SipRequest AckFor(SipResponse final) =>
        Request("ACK", branch: final.TopVia!.Branch!, toTag: final.To!.Tag);

    private sealed class AnswerResolver(Task<IReadOnlyList<SipEndPoint>> answer) : ITargetResolver
    {
        public async ValueTask<IReadOnlyList<SipEndPoint>> ResolveAsync(SipUri uri, CancellationToken cancellationToken = default) => await answer;
    }

    private sealed class ThrowingCallbacks : ITransactionCallbacks
    {
        public void OnRequestRelayed(int branch, SipRequest request) => throw new InvalidOperationException("callback bug");
    }
}
