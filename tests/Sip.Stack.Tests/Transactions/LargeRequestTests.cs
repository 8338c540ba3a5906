using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Proxy;
using ClusterSip.Sip.Stack.Tests.Support;
using ClusterSip.Sip.Stack.Transactions;
using ClusterSip.Sip.Stack.Transport;
using Xunit;
using Xunit.Abstractions;
using static ClusterSip.Sip.Stack.Tests.Support.SipTestMessages;

namespace ClusterSip.Sip.Stack.Tests.Transactions;

/// <summary>RFC 3261 18.1.1 in the client transactions and stateless forwarding: a request over the UDP limit goes over TCP, else back to UDP.</summary>
public sealed class LargeRequestTests(ITestOutputHelper output) : TmTestKit(output)
{
    private static readonly SipEndPoint CalleeATcp = CalleeA with { Protocol = SipProtocol.Tcp };

    [Fact]
    public void A_large_local_request_to_a_UDP_target_goes_over_TCP_with_a_TCP_via_and_is_not_retransmitted()
    {
        Transport.UdpMtu = 1300;
        var layer = StartLayer(new DelegateRouteScript(_ => { }));

        new LocalRequestSender(layer, Resolver).Send(LargeNotify(), TestActor);

        var sent = ExpectSent();
        Assert.Equal(CalleeATcp, sent.Destination);
        Assert.Equal("TCP", sent.Request.TopVia!.Transport);
        Assert.Equal(FakeTransport.LocalTcp.Address.Port, sent.Request.TopVia.Port);
        Advance(TimeSpan.FromSeconds(2)); // Timer E would have fired twice over UDP
        ExpectNothingSent();
    }

    [Fact]
    public void A_large_local_request_whose_TCP_connection_fails_goes_over_UDP_with_the_same_branch_and_is_retransmitted()
    {
        Transport.UdpMtu = 1300;
        Transport.Unreachable[CalleeATcp] = true;
        var layer = StartLayer(new DelegateRouteScript(_ => { }));

        new LocalRequestSender(layer, Resolver).Send(LargeNotify(), TestActor);

        var first = ExpectSent();
        Assert.Equal(CalleeA, first.Destination);
        Assert.Equal("UDP", first.Request.TopVia!.Transport);
        Advance(TimeSpan.FromMilliseconds(500)); // Timer E
        var again = ExpectSent();
        Assert.Equal((CalleeA, first.Request.TopVia.Branch), (again.Destination, again.Request.TopVia!.Branch));

        layer.OnMessage(From(ResponseTo(again.Request, 200), CalleeA));
        Assert.Equal(200, ExpectMsg<ClientResponse>().Response.StatusCode);
    }

    [Fact]
    public void A_small_local_request_and_a_large_one_with_the_limit_off_stay_on_UDP()
    {
        var layer = StartLayer(new DelegateRouteScript(_ => { }));
        new LocalRequestSender(layer, Resolver).Send(LargeNotify(), TestActor);
        Assert.Equal(CalleeA, ExpectSent().Destination);

        Transport.UdpMtu = 1300;
        new LocalRequestSender(layer, Resolver).Send(Request("NOTIFY", callId: "small", via: "SIP/2.0/UDP 10.0.0.100:5060"), TestActor);
        Assert.Equal(CalleeA, ExpectSent().Destination);
    }

    [Fact]
    public void A_large_relayed_INVITE_goes_over_TCP_and_so_does_its_CANCEL()
    {
        Transport.UdpMtu = 1300;
        var layer = StartLayer(new DelegateRouteScript(c => c.TRelay()));

        layer.OnMessage(From(Request("INVITE", extraHeaders: [Padding()]), Caller));
        ExpectResponse(100);
        var invite = ExpectRequest("INVITE", CalleeATcp);
        Assert.Equal("TCP", invite.TopVia!.Transport);
        layer.OnMessage(new InboundMessage(ResponseTo(invite, 180), FakeTransport.LocalTcp, CalleeATcp, 0));
        ExpectResponse(180);

        layer.OnMessage(From(Request("CANCEL"), Caller));
        var sent = ExpectSent(2);
        Assert.Equal(200, FindResponse(sent, 200).StatusCode);
        var cancel = Find(sent, "CANCEL", CalleeATcp);
        Assert.Equal(invite.TopVia.ToString(), cancel.TopVia!.ToString());
    }

    [Fact]
    public void A_large_ACK_for_a_2xx_is_forwarded_over_TCP_and_over_UDP_when_TCP_fails()
    {
        Transport.UdpMtu = 1300;
        var layer = StartLayer(new DelegateRouteScript(c => c.TRelay()));
        string[] throughUs = ["<sip:10.0.0.100:5060;lr>"];

        layer.OnMessage(From(Request("ACK", branch: "z9hG4bKack1", toTag: "callee1", routes: throughUs, extraHeaders: [Padding()]), Caller));
        Assert.Equal("TCP", ExpectRequest("ACK", CalleeATcp).TopVia!.Transport);

        Transport.Unreachable[CalleeATcp] = true;
        layer.OnMessage(From(Request("ACK", branch: "z9hG4bKack2", callId: "call-2", toTag: "callee1", routes: throughUs, extraHeaders: [Padding()]), Caller));
        Assert.Equal("UDP", ExpectRequest("ACK", CalleeA).TopVia!.Transport);
    }

    private static SipRequest LargeNotify() =>
        Request("NOTIFY", branch: SipIds.NewBranch(), via: "SIP/2.0/UDP 10.0.0.100:5060", extraHeaders: [Padding()]);

    private static string Padding() => "X-Padding: " + new string('x', 1_400);
}
