using ClusterSip.Sip.Stack.Routing;
using ClusterSip.Sip.Stack.Tests.Support;
using ClusterSip.Sip.Stack.Transactions;
using ClusterSip.Sip.Stack.Transport;
using Xunit;
using Xunit.Abstractions;
using static ClusterSip.Sip.Stack.Tests.Support.SipTestMessages;

namespace ClusterSip.Sip.Stack.Tests.Transactions;

public sealed class ServerTransactionTests(ITestOutputHelper output) : TmTestKit(output)
{
    private static readonly IRouteScript RelayToA = new DelegateRouteScript(c => c.TRelay("udp:10.0.0.2:5060"));
    private static readonly IRouteScript Busy = new DelegateRouteScript(c => c.TReply(486, "Busy Here"));

    [Fact]
    public void Invite_gets_100_Trying_and_a_retransmission_gets_the_last_response_again()
    {
        var layer = StartLayer(RelayToA);
        var invite = Request("INVITE");
        layer.OnMessage(From(invite, Caller));
        ExpectResponse(100);
        ExpectRequest("INVITE", CalleeA);

        layer.OnMessage(From(Request("INVITE"), Caller));
        ExpectResponse(100);
        ExpectNothingSent();
        AwaitCounts(layer, 1, 1);
    }

    [Fact]
    public void Flag_0x01_suppresses_100_Trying()
    {
        var layer = StartLayer(new DelegateRouteScript(c => c.TRelay("udp:10.0.0.2:5060", ClusterSip.Sip.Stack.Proxy.RelayFlags.NoTrying)));
        layer.OnMessage(From(Request("INVITE"), Caller));
        ExpectRequest("INVITE", CalleeA);
        ExpectNothingSent();
    }

    [Fact]
    public void Non_2xx_final_is_retransmitted_by_Timer_G_until_ACK_then_Timer_I_ends_it()
    {
        var layer = StartLayer(Busy);
        layer.OnMessage(From(Request("INVITE"), Caller));
        ExpectResponse(486);
        AwaitCounts(layer, 1, 0);

        Advance(Ms(499));
        ExpectNothingSent();
        Advance(Ms(1)); // G = T1
        ExpectResponse(486);
        Advance(Ms(1000)); // 2*T1
        ExpectResponse(486);
        Advance(Ms(2000)); // 4*T1
        ExpectResponse(486);
        Advance(Ms(4000)); // capped at T2
        ExpectResponse(486);
        Advance(Ms(4000));
        ExpectResponse(486);

        layer.OnMessage(From(Request("ACK", toTag: "x"), Caller)); // absorbed, not forwarded
        ExpectNothingSent();
        Advance(Ms(4000));
        ExpectNothingSent(); // Confirmed: no more G
        AwaitCounts(layer, 1, 0);
        Advance(Ms(1000)); // Timer I = T4
        AwaitAllEnded(layer);
    }

    [Fact]
    public void Timer_H_ends_the_transaction_when_no_ACK_comes()
    {
        var layer = StartLayer(Busy);
        layer.OnMessage(From(Request("INVITE"), Caller));
        ExpectResponse(486);
        AwaitCounts(layer, 1, 0);
        Advance(TimeSpan.FromSeconds(31));
        Wire.ReceiveWhile(Ms(200), m => m);
        AwaitCounts(layer, 1, 0);
        Advance(TimeSpan.FromSeconds(1)); // H = 64*T1
        AwaitAllEnded(layer);
    }

    [Fact]
    public void Non_invite_final_is_repeated_for_retransmissions_until_Timer_J()
    {
        var layer = StartLayer(new DelegateRouteScript(c => c.TReply(200, "OK")));
        layer.OnMessage(From(Request("OPTIONS"), Caller));
        ExpectResponse(200);
        layer.OnMessage(From(Request("OPTIONS"), Caller));
        ExpectResponse(200);
        Advance(TimeSpan.FromSeconds(4));
        layer.OnMessage(From(Request("OPTIONS"), Caller));
        ExpectResponse(200);
        AwaitCounts(layer, 1, 0);
        Advance(TimeSpan.FromSeconds(1)); // J = wt_timer, as in the tm module
        AwaitAllEnded(layer);
    }

    [Fact]
    public void A_route_that_neither_relays_nor_replies_releases_the_transaction_after_wt_timer()
    {
        var layer = StartLayer(new DelegateRouteScript(_ => { }));
        layer.OnMessage(From(Request("OPTIONS"), Caller));
        AwaitCounts(layer, 1, 0);
        layer.OnMessage(From(Request("OPTIONS"), Caller)); // absorbed
        ExpectNothingSent();
        Advance(TimeSpan.FromSeconds(5));
        AwaitAllEnded(layer);
    }

    [Fact]
    public void A_failing_route_script_answers_500()
    {
        var layer = StartLayer(new DelegateRouteScript(_ => throw new InvalidOperationException("boom")));
        layer.OnMessage(From(Request("OPTIONS"), Caller));
        ExpectResponse(500);
    }

    [Fact]
    public void Over_tcp_the_server_transaction_does_not_retransmit_and_ends_on_ACK()
    {
        var layer = StartLayer(new DelegateRouteScript(c => c.TReply(486, "Busy Here")));
        var tcpCaller = new SipEndPoint(SipProtocol.Tcp, Caller.Address);
        layer.OnMessage(new InboundMessage(Request("INVITE", via: "SIP/2.0/TCP 10.0.0.1:5060"), FakeTransport.LocalTcp, tcpCaller, 42));
        ExpectResponse(486);
        Advance(TimeSpan.FromSeconds(10));
        ExpectNothingSent(); // no Timer G on a reliable transport
        layer.OnMessage(new InboundMessage(Request("ACK", via: "SIP/2.0/TCP 10.0.0.1:5060", toTag: "x"), FakeTransport.LocalTcp, tcpCaller, 42));
        AwaitAllEnded(layer); // Timer I = 0
    }
}
