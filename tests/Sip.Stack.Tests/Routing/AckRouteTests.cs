using System.Collections.Concurrent;
using ClusterSip.Sip.Stack.Tests.Support;
using Xunit;
using Xunit.Abstractions;
using static ClusterSip.Sip.Stack.Tests.Support.SipTestMessages;

namespace ClusterSip.Sip.Stack.Tests.Routing;

/// <summary>The request route runs for an ACK of a 2xx (no transaction, relayed statelessly); the ACK of a non-2xx stays with its transaction.</summary>
public sealed class AckRouteTests(ITestOutputHelper output) : TmTestKit(output)
{
    private readonly ConcurrentQueue<string> _seen = new();

    [Fact]
    public void The_request_route_sees_the_ack_of_a_2xx_and_relays_it_statelessly()
    {
        var layer = StartLayer(new DelegateRouteScript(c =>
        {
            _seen.Enqueue($"{c.Request.Method} transaction={c.HasTransaction} own-route={c.OwnRoute?.Uri}");
            c.TRelay();
        }));
        layer.OnMessage(From(Request("ACK", branch: "z9hG4bKack2xx", toTag: "callee1", routes: ["<sip:10.0.0.100:5060;lr>"]), Caller));
        var ack = ExpectRequest("ACK", CalleeA);
        Assert.Empty(ack.Routes);
        Assert.Equal(["ACK transaction=False own-route=sip:10.0.0.100:5060;lr"], _seen);
    }

    [Fact]
    public void An_ack_the_route_does_not_relay_goes_nowhere()
    {
        var layer = StartLayer(new DelegateRouteScript(c =>
        {
            _seen.Enqueue(c.Request.Method);
            Assert.False(c.TReply(200, "OK")); // an ACK is never answered
        }));
        layer.OnMessage(From(Request("ACK", branch: "z9hG4bKack2xx", toTag: "callee1"), Caller));
        ExpectNothingSent();
        Assert.Equal(["ACK"], _seen);
    }

    [Fact]
    public void The_ack_of_a_non_2xx_is_absorbed_by_its_transaction_and_never_routed()
    {
        var layer = StartLayer(new DelegateRouteScript(c =>
        {
            _seen.Enqueue(c.Request.Method);
            c.TRelay();
        }));
        layer.OnMessage(From(Request("INVITE"), Caller));
        ExpectResponse(100);
        var invite = ExpectRequest("INVITE", CalleeA);
        layer.OnMessage(From(ResponseTo(invite, 486), CalleeA));
        var sent = ExpectSent(2);
        Find(sent, "ACK", CalleeA);
        var busy = FindResponse(sent, 486);

        layer.OnMessage(From(Request("ACK", toTag: busy.To!.Tag), Caller));
        ExpectNothingSent();
        Assert.Equal(["INVITE"], _seen);
    }
}
