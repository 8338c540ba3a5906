using ClusterSip.Tests.Support;
using ClusterSip.Sip.Stack.Routing;
using ClusterSip.Sip.Stack.Tests.Support;
using ClusterSip.Sip.Stack.Transactions;
using ClusterSip.Sip.Uris;
using Xunit;
using Xunit.Abstractions;
using static ClusterSip.Sip.Stack.Tests.Support.SipTestMessages;

namespace ClusterSip.Sip.Stack.Tests.Routing;

public sealed class FailureRouteTests(ITestOutputHelper output) : TmTestKit(output)
{
    [Fact]
    public void Fr_inv_expiry_gives_408_upstream_without_a_failure_route()
    {
        var layer = StartLayer(new DelegateRouteScript(c => c.TRelay()), NodeConfDefaults.Tm with { FrInvTimer = TimeSpan.FromSeconds(10) });
        layer.OnMessage(From(Request("INVITE"), Caller));
        ExpectResponse(100);
        var a = ExpectRequest("INVITE", CalleeA);
        layer.OnMessage(From(ResponseTo(a, 180), CalleeA));
        ExpectResponse(180);
        Advance(TimeSpan.FromSeconds(10));
        ExpectResponse(408); // noisy_ctimer = 0 and a single branch: no CANCEL
        ExpectNothingSent();
    }

    [Fact]
    public void Noisy_ctimer_cancels_the_branch_that_timed_out()
    {
        var settings = NodeConfDefaults.Tm with { FrInvTimer = TimeSpan.FromSeconds(10), NoisyCTimer = true };
        var layer = StartLayer(new DelegateRouteScript(c => c.TRelay()), settings);
        layer.OnMessage(From(Request("INVITE"), Caller));
        ExpectResponse(100);
        var a = ExpectRequest("INVITE", CalleeA);
        layer.OnMessage(From(ResponseTo(a, 180), CalleeA));
        ExpectResponse(180);
        Advance(TimeSpan.FromSeconds(10));
        var sent = ExpectSent(2);
        Find(sent, "CANCEL", CalleeA);
        FindResponse(sent, 408);
    }

    [Fact]
    public void Default_script_forwards_an_unanswered_call_to_the_no_answer_uri_after_fr_inv_timer()
    {
        var routing = NodeConfDefaults.Routing with
        {
            Routes = [new StaticRoute("example.com", [SipUri.Parse("sip:10.0.0.2:5060")])],
            NoAnswerUri = SipUri.Parse("sip:voicemail@10.0.0.3:5060"),
        };
        var layer = StartLayer(new StaticRouteScript(routing), NodeConfDefaults.Tm with { FrInvTimer = TimeSpan.FromSeconds(20) }, routing);
        layer.OnMessage(From(Request("INVITE", uri: "sip:bob@example.com"), Caller));
        ExpectResponse(100);
        var a = ExpectRequest("INVITE", CalleeA);
        Assert.Equal("sip:bob@example.com", a.RequestUri.ToString());
        Assert.Single(a.RecordRoutes);
        layer.OnMessage(From(ResponseTo(a, 180), CalleeA));
        ExpectResponse(180);

        Advance(TimeSpan.FromSeconds(20));
        var sent = ExpectSent(2); // the call is forked after all: the callee that rang is cancelled (noisy_ctimer = 0)
        var vm = Find(sent, "INVITE", CalleeB);
        Assert.Equal("sip:voicemail@10.0.0.3:5060", vm.RequestUri.ToString());
        Find(sent, "CANCEL", CalleeA);
        layer.OnMessage(From(ResponseTo(vm, 200, "vm"), CalleeB));
        ExpectResponse(200);
    }

    [Fact]
    public void Default_script_fails_over_to_the_next_destination_on_5xx_and_answers_404_for_unknown_domains()
    {
        var routing = NodeConfDefaults.Routing with
        {
            Routes = [new StaticRoute("example.com", [SipUri.Parse("sip:10.0.0.2:5060"), SipUri.Parse("sip:10.0.0.3:5060")])],
        };
        var layer = StartLayer(new StaticRouteScript(routing), routing: routing);
        layer.OnMessage(From(Request("INVITE", uri: "sip:bob@example.com"), Caller));
        ExpectResponse(100);
        var a = ExpectRequest("INVITE", CalleeA);
        layer.OnMessage(From(ResponseTo(a, 500), CalleeA));
        var sent = ExpectSent(2);
        Find(sent, "ACK", CalleeA);
        var b = Find(sent, "INVITE", CalleeB);
        layer.OnMessage(From(ResponseTo(b, 486), CalleeB));
        sent = ExpectSent(2);
        Find(sent, "ACK", CalleeB);
        FindResponse(sent, 486); // 486 is not a failover reason

        layer.OnMessage(From(Request("INVITE", uri: "sip:bob@unknown.org", branch: "z9hG4bKother", callId: "c2"), Caller));
        ExpectResponse(404);
    }

    [Fact]
    public void Default_destinations_serve_unrouted_domains()
    {
        var routing = NodeConfDefaults.Routing with { DefaultDestinations = [SipUri.Parse("sip:10.0.0.3:5060")] };
        var layer = StartLayer(new StaticRouteScript(routing), routing: routing);
        layer.OnMessage(From(Request("OPTIONS", uri: "sip:bob@anything.net"), Caller));
        ExpectRequest("OPTIONS", CalleeB);
    }

    [Fact]
    public void A_failure_route_sends_to_a_second_destination_after_486()
    {
        var codes = new List<int>();
        var script = new DelegateRouteScript(c =>
        {
            c.TOnFailure("second");
            c.TRelay("udp:10.0.0.2:5060");
        })
        {
            Failure = (name, c) =>
            {
                codes.Add(c.TReplyCode);
                if (name == "second" && c.TCheckStatus("^486$"))
                {
                    c.TRelay("udp:10.0.0.3:5060");
                }
            },
        };
        var layer = StartLayer(script);
        layer.OnMessage(From(Request("INVITE"), Caller));
        ExpectResponse(100);
        var a = ExpectRequest("INVITE", CalleeA);
        layer.OnMessage(From(ResponseTo(a, 486), CalleeA));
        var sent = ExpectSent(2);
        Find(sent, "ACK", CalleeA);
        var b = Find(sent, "INVITE", CalleeB);
        Assert.Equal(69, b.MaxForwards);
        layer.OnMessage(From(ResponseTo(b, 404), CalleeB));
        sent = ExpectSent(2);
        Find(sent, "ACK", CalleeB);
        FindResponse(sent, 404); // the failure route is not armed again: the best response goes up
        Assert.Equal([486], codes);
    }

    [Fact]
    public void A_failure_route_can_reply_itself_and_sees_t_was_cancelled()
    {
        var cancelled = new List<bool>();
        var script = new DelegateRouteScript(c =>
        {
            c.TOnFailure("f");
            c.TRelay();
        })
        {
            Failure = (_, c) =>
            {
                cancelled.Add(c.TWasCancelled());
                if (!c.TWasCancelled())
                {
                    c.TReply(202, "I Will Take Care Of It");
                }
            },
        };
        var layer = StartLayer(script);
        layer.OnMessage(From(Request("MESSAGE"), Caller));
        var a = ExpectRequest("MESSAGE", CalleeA);
        layer.OnMessage(From(ResponseTo(a, 480), CalleeA));
        ExpectResponse(202);
        Assert.Equal([false], cancelled);
    }
}
