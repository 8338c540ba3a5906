using Akka.Actor;
using System.Collections.Concurrent;
using ClusterSip.Tests.Support;
using ClusterSip.Sip.Stack.Routing;
using ClusterSip.Sip.Stack.Tests.Support;
using ClusterSip.Sip.Stack.Transactions;
using ClusterSip.Sip.Uris;
using Xunit;
using Xunit.Abstractions;
using static ClusterSip.Sip.Stack.Tests.Support.SipTestMessages;

namespace ClusterSip.Sip.Stack.Tests.Routing;

public sealed class RouteSemanticsTests(ITestOutputHelper output) : TmTestKit(output)
{
    [Theory]
    [InlineData(0, "reply:  route:x")]
    [InlineData(1, "reply: x route:x")]
    public void Onreply_avp_mode_decides_whether_reply_routes_share_the_transaction_avps(int mode, string expected)
    {
        var seen = new ConcurrentQueue<string>();
        var script = new DelegateRouteScript(c =>
        {
            c.Avps["a"] = "x";
            c.TOnReply("r");
            c.TOnFailure("f");
            c.TRelay();
        })
        {
            Reply = (_, c) =>
            {
                seen.Enqueue("reply: " + (c.Avps.TryGetValue("a", out var v) ? v : string.Empty));
                c.Avps["b"] = "y";
            },
            Failure = (_, c) => seen.Enqueue(" route:" + c.Avps["a"]),
        };
        var layer = StartLayer(script, NodeConfDefaults.Tm with { OnReplyAvpMode = mode });
        layer.OnMessage(From(Request("OPTIONS"), Caller));
        var a = ExpectRequest("OPTIONS", CalleeA);
        layer.OnMessage(From(ResponseTo(a, 404), CalleeA));
        ExpectResponse(404);
        Assert.Equal(expected, string.Concat(seen));
    }

    [Fact]
    public void Forked_invite_branch_timing_out_is_cancelled_even_without_noisy_ctimer()
    {
        var layer = StartLayer(
            new DelegateRouteScript(c =>
            {
                c.AppendBranch("sip:bob@10.0.0.3");
                c.TRelay();
            }),
            NodeConfDefaults.Tm with { FrInvTimer = TimeSpan.FromSeconds(10) });
        layer.OnMessage(From(Request("INVITE"), Caller));
        var sent = ExpectSent(3);
        var a = Find(sent, "INVITE", CalleeA);
        var b = Find(sent, "INVITE", CalleeB);
        layer.OnMessage(From(ResponseTo(a, 180), CalleeA));
        ExpectResponse(180);
        layer.OnMessage(From(ResponseTo(b, 486, "b"), CalleeB));
        ExpectRequest("ACK", CalleeB);
        Advance(TimeSpan.FromSeconds(10));
        sent = ExpectSent(2);
        Find(sent, "CANCEL", CalleeA);
        FindResponse(sent, 486); // the received 486 beats the local 408
    }

    [Fact]
    public void T_release_ends_the_transaction_after_wt_timer()
    {
        var released = CreateTestProbe();
        var layer = StartLayer(new DelegateRouteScript(c =>
        {
            c.TRelease();
            released.Ref.Tell("released"); // wt_timer is running once the route has returned: advance only then
        }));
        layer.OnMessage(From(Request("MESSAGE"), Caller));
        released.ExpectMsg("released");
        AwaitCounts(layer, 1, 0);
        Advance(TimeSpan.FromSeconds(5));
        AwaitAllEnded(layer);
    }

    [Fact]
    public void Default_script_follows_the_route_set_of_in_dialog_requests_and_relays_unmatched_cancels()
    {
        var routing = NodeConfDefaults.Routing with { Routes = [new StaticRoute("example.com", [SipUri.Parse("sip:10.0.0.2")])] };
        var layer = StartLayer(new StaticRouteScript(routing), routing: routing);
        layer.OnMessage(From(Request("BYE", uri: "sip:bob@10.0.0.3", toTag: "t", routes: ["<sip:10.0.0.100;lr>"]), Caller));
        var bye = ExpectRequest("BYE", CalleeB);
        Assert.Empty(bye.RecordRoutes);
        layer.OnMessage(From(Request("CANCEL", uri: "sip:bob@10.0.0.3", branch: "z9hG4bKlonely"), Caller));
        ExpectRequest("CANCEL", CalleeB);
    }
}
