using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Tests.Support;
using Xunit;
using Xunit.Abstractions;
using static ClusterSip.Sip.Stack.Tests.Support.SipTestMessages;

namespace ClusterSip.Sip.Stack.Tests.Routing;

/// <summary>RouteContext.Await (t_suspend / t_continue) and TReply with a built response.</summary>
public sealed class RouteSuspensionTests(ITestOutputHelper output) : TmTestKit(output)
{
    [Fact]
    public void A_suspended_route_holds_the_transaction_and_relays_when_the_work_completes()
    {
        var work = new TaskCompletionSource<string>();
        var layer = StartLayer(new DelegateRouteScript(c => c.Await(work.Task, (resumed, uri) =>
        {
            resumed.SetUri(uri);
            resumed.TRelay();
        })));
        layer.OnMessage(From(Request("OPTIONS", uri: "sip:bob@example.com"), Caller));
        ExpectNothingSent();

        work.SetResult("sip:bob@10.0.0.3");
        ExpectRequest("OPTIONS", CalleeB);
    }

    [Fact]
    public void A_resumed_route_replies_with_the_response_it_built_under_the_transactions_tag()
    {
        var work = new TaskCompletionSource<int>();
        var layer = StartLayer(new DelegateRouteScript(c => c.Await(work.Task, (resumed, code) =>
        {
            var response = SipResponse.CreateFor(resumed.Request, code);
            response.Headers.Add("WWW-Authenticate", "Digest realm=\"example.com\", nonce=\"n\"");
            Assert.True(resumed.TReply(response));
            Assert.False(resumed.TReply(response));
        })));
        layer.OnMessage(From(Request("REGISTER", uri: "sip:example.com"), Caller));
        work.SetResult(401);

        var reply = ExpectResponse(401);
        Assert.Equal("Digest realm=\"example.com\", nonce=\"n\"", reply.Headers.Get("WWW-Authenticate"));
        Assert.NotNull(reply.To!.Tag);
        Assert.Single(reply.Vias);
    }

    [Fact]
    public void Work_that_fails_ends_the_transaction_with_500_and_a_log_line()
    {
        var work = new TaskCompletionSource<string>();
        var layer = StartLayer(new DelegateRouteScript(c => c.Await(work.Task, (_, _) => { })));
        layer.OnMessage(From(Request("OPTIONS"), Caller));
        EventFilter.Exception<TimeoutException>(contains: "location service did not answer").ExpectOne(
            () => work.SetException(new TimeoutException("location service did not answer")));

        ExpectResponse(500);
    }

    [Fact]
    public void An_invite_cancelled_while_suspended_gets_487_and_is_not_relayed_when_the_work_completes()
    {
        var work = new TaskCompletionSource<string>();
        var layer = StartLayer(new DelegateRouteScript(c =>
        {
            if (c.Request.Method == SipMethods.Invite)
            {
                c.Await(work.Task, (resumed, _) => resumed.TRelay());
            }
            else
            {
                c.TRelay();
            }
        }));
        var invite = Request("INVITE");
        layer.OnMessage(From(invite, Caller));
        ExpectResponse(100);
        layer.OnMessage(From(invite.CreateCancel(), Caller));
        var answers = ExpectSent(2);
        FindResponse(answers, 200);
        FindResponse(answers, 487);

        work.SetResult("done");
        ExpectNothingSent();
    }

    [Fact]
    public void Branches_that_all_fail_while_the_route_is_suspended_wait_for_it_and_the_resumed_route_can_add_more()
    {
        var work = new TaskCompletionSource<string>();
        var layer = StartLayer(new DelegateRouteScript(c =>
        {
            c.SetUri("sip:bob@10.0.0.2");
            c.TRelay();
            c.Await(work.Task, (resumed, uri) =>
            {
                resumed.SetUri(uri);
                resumed.TRelay();
            });
        }));
        layer.OnMessage(From(Request("INVITE", uri: "sip:bob@example.com"), Caller));
        ExpectResponse(100);
        var toA = ExpectRequest("INVITE", CalleeA);
        layer.OnMessage(From(ResponseTo(toA, 486), CalleeA));
        ExpectRequest("ACK", CalleeA);
        ExpectNothingSent(); // no 486 upstream: the route may still add a branch

        work.SetResult("sip:bob@10.0.0.3");
        var toB = ExpectRequest("INVITE", CalleeB);
        layer.OnMessage(From(ResponseTo(toB, 200, toTag: "b"), CalleeB));
        ExpectResponse(200);
    }

    [Fact]
    public void A_route_giving_up_replies_and_cancels_the_branches_still_ringing()
    {
        var work = new TaskCompletionSource<string>();
        var layer = StartLayer(new DelegateRouteScript(c =>
        {
            if (c.Request.Method != SipMethods.Invite)
            {
                c.TRelay();
                return;
            }

            c.SetUri("sip:bob@10.0.0.2");
            c.TRelay();
            c.Await(work.Task, (resumed, _) =>
            {
                resumed.TReply(480, "Temporarily Unavailable");
                resumed.TCancelBranches();
            });
        }));
        layer.OnMessage(From(Request("INVITE", uri: "sip:bob@example.com"), Caller));
        ExpectResponse(100);
        var toA = ExpectRequest("INVITE", CalleeA);
        layer.OnMessage(From(ResponseTo(toA, 180), CalleeA));
        ExpectResponse(180);

        work.SetResult("timeout");
        var sent = ExpectSent(2);
        FindResponse(sent, 480);
        Find(sent, "CANCEL", CalleeA);
    }
}
