using System.Collections.Concurrent;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Proxy;
using ClusterSip.Sip.Stack.Routing;
using ClusterSip.Sip.Stack.Tests.Support;
using ClusterSip.Sip.Stack.Transactions;
using ClusterSip.Sip.Uris;
using Xunit;
using Xunit.Abstractions;
using static ClusterSip.Sip.Stack.Tests.Support.SipTestMessages;

namespace ClusterSip.Sip.Stack.Tests.Routing;

/// <summary>
/// The seam a dialog module attaches to: a request hook before every request route, transaction callbacks, relaying to
/// an explicit target and route set, and a locally generated request from outside any transaction.
/// </summary>
public sealed class DialogSeamTests(ITestOutputHelper output) : TmTestKit(output)
{
    private readonly ConcurrentQueue<string> _seen = new();

    /// <summary>Routes INVITEs (Record-Route) and relays ACKs; answers anything else 404, to show when a hook took a request.</summary>
    private static DelegateRouteScript Script => new(c =>
    {
        if (c.Request.Method is SipMethods.Invite or SipMethods.Ack)
        {
            if (c.Request.Method == SipMethods.Invite)
            {
                c.RecordRoute();
            }

            c.TRelay();
        }
        else
        {
            c.TReply(404, "Not Here");
        }
    });

    [Fact]
    public void Hooks_and_callbacks_follow_a_proxied_call_from_invite_to_bye()
    {
        var layer = StartLayer(Env(Script, hooks: [new DialogHook(_seen, byeTarget: "sip:bob@10.0.0.3")]));

        layer.OnMessage(From(Request("INVITE"), Caller));
        ExpectResponse(100);
        var invite = ExpectRequest("INVITE", CalleeA);
        layer.OnMessage(From(ResponseTo(invite, 180), CalleeA));
        ExpectResponse(180);
        layer.OnMessage(From(ResponseTo(invite, 200), CalleeA));
        ExpectResponse(200);

        layer.OnMessage(From(Request("ACK", branch: "z9hG4bKack1", toTag: "callee1", routes: ["<sip:10.0.0.100:5060;lr;did=d1>"]), Caller));
        ExpectRequest("ACK", CalleeA);

        layer.OnMessage(From(Request("BYE", branch: "z9hG4bKbye1", cseq: 2, toTag: "callee1", routes: ["<sip:10.0.0.100:5060;lr;did=d1>"]), Caller));
        var bye = ExpectRequest("BYE", CalleeB); // the hook's target, not the Request-URI; the script (404) never ran
        Assert.Equal("sip:bob@10.0.0.3", bye.RequestUri.ToString());
        layer.OnMessage(From(ResponseTo(bye, 200), CalleeB));
        ExpectResponse(200);
        Advance(TimeSpan.FromSeconds(6));
        AwaitAllEnded(layer);

        // The INVITE transaction ends when its 2xx went up (its wait is an index entry): before or after the ACK.
        AwaitAssert(() => Assert.Contains("INVITE ended", _seen));
        Assert.Equal(
            [
                "hook INVITE transaction=True route=",
                "INVITE sent 100 local",
                "INVITE relayed 1 INVITE",
                "INVITE received 1 180",
                "INVITE sent 180",
                "INVITE received 1 200",
                "INVITE sent 200",
                "hook ACK transaction=False route=sip:10.0.0.100:5060;lr;did=d1",
                "hook BYE transaction=True route=sip:10.0.0.100:5060;lr;did=d1",
                "BYE relayed 1 BYE",
                "BYE received 1 200",
                "BYE sent 200",
                "BYE ended",
            ],
            _seen.Where(s => s != "INVITE ended"));
    }

    [Fact]
    public void The_nodes_record_route_parameters_come_back_in_the_own_route_of_in_dialog_requests()
    {
        var layer = StartLayer(Env(Script, hooks: [new DialogHook(_seen, byeTarget: "sip:bob@10.0.0.3")], recordRouteParameters: [new SipParameter("node", "n1")]));
        layer.OnMessage(From(Request("INVITE"), Caller));
        ExpectResponse(100);
        var invite = ExpectRequest("INVITE", CalleeA);
        var recordRoute = Assert.Single(invite.RecordRoutes).Uri.ToString();
        Assert.Equal("sip:10.0.0.100:5060;lr;node=n1", recordRoute);

        layer.OnMessage(From(Request("ACK", branch: "z9hG4bKack1", toTag: "callee1", routes: [$"<{recordRoute}>"]), Caller));
        ExpectRequest("ACK", CalleeA);
        Assert.Contains($"hook ACK transaction=False route={recordRoute}", _seen);
    }

    [Fact]
    public void A_route_less_request_to_the_node_itself_that_a_hook_claims_goes_to_the_hooks_target_without_a_loop()
    {
        var layer = StartLayer(Env(Script, hooks: [new DialogHook(_seen, byeTarget: "sip:bob@10.0.0.3")]));
        layer.OnMessage(From(Request("BYE", uri: "sip:10.0.0.100:5060;did=d1", toTag: "callee1"), Caller));
        var bye = ExpectRequest("BYE", CalleeB);
        layer.OnMessage(From(ResponseTo(bye, 200), CalleeB));
        ExpectResponse(200);
    }

    [Fact]
    public void A_timeout_reaches_the_callbacks_as_a_faked_408()
    {
        var layer = StartLayer(Env(new DelegateRouteScript(c =>
        {
            c.OnTransaction(new Recorder("OPTIONS", _seen));
            c.TRelay();
        }), TmSettings.Default with { FrTimer = TimeSpan.FromSeconds(2) }));
        layer.OnMessage(From(Request("OPTIONS"), Caller));
        ExpectRequest("OPTIONS", CalleeA);
        Advance(TimeSpan.FromSeconds(2));
        Wire.FishForMessage<TransportSent>(s => s.Message is SipResponse { StatusCode: 408 });
        AwaitAssert(() => Assert.Contains("OPTIONS received 1 408 faked", _seen));
    }

    [Fact]
    public void A_hook_relays_to_an_explicit_target_along_a_route_set()
    {
        var layer = StartLayer(Env(Script, hooks: [new RouteSetHook()]));
        layer.OnMessage(From(Request("INFO", toTag: "callee1"), Caller));
        var info = ExpectRequest("INFO", CalleeB); // to the first Route of the set, loose routing
        Assert.Equal("sip:bob@10.0.0.9", info.RequestUri.ToString());
        Assert.Equal(["sip:10.0.0.3;lr", "sip:10.0.0.4;lr"], info.Routes.Select(r => r.Uri.ToString()));
    }

    [Fact]
    public void A_locally_generated_bye_goes_through_a_client_transaction_and_its_response_comes_back_to_the_owner()
    {
        var layer = StartLayer(Script);
        var sender = new LocalRequestSender(layer, Resolver);
        var bye = Request("BYE", uri: "sip:bob@10.0.0.2", toTag: "callee1", routes: ["<sip:10.0.0.3;lr>"]);
        bye.PopVia();
        sender.Send(bye, TestActor, tag: 7);

        var sent = ExpectRequest("BYE", CalleeB);
        Assert.Single(sent.Vias);
        Assert.Equal("10.0.0.100", sent.Vias[0].Host);
        Assert.True(sent.Vias[0].HasRfc3261Branch);
        layer.OnMessage(From(ResponseTo(sent, 200), CalleeB));
        var response = ExpectMsg<ClientResponse>();
        Assert.Equal((7, 200), (response.BranchIndex, response.Response.StatusCode));
    }

    [Fact]
    public void A_local_request_with_no_address_is_a_transport_error_for_its_owner()
    {
        var layer = StartLayer(Script);
        var bye = Request("BYE", uri: "sip:bob@unknown.test", toTag: "callee1");
        bye.PopVia();
        new LocalRequestSender(layer, Resolver).Send(bye, TestActor, tag: 3);
        Assert.Equal(3, ExpectMsg<ClientTransportError>().BranchIndex);
        ExpectNothingSent();
    }

    /// <summary>What a dialog module would do: watch dialog-creating INVITEs, and claim in-dialog BYEs by its Route cookie.</summary>
    private sealed class DialogHook(ConcurrentQueue<string> seen, string byeTarget) : IRequestHook
    {
        public bool OnRequest(RouteContext context)
        {
            var request = context.Request;
            seen.Enqueue($"hook {request.Method} transaction={context.HasTransaction} route={context.OwnRoute?.Uri}");
            if (request.Method == SipMethods.Invite)
            {
                context.OnTransaction(new Recorder("INVITE", seen));
                return false;
            }

            var cookie = context.OwnRoute?.Uri ?? request.RequestUri; // route-less: the UA sent it to our address itself
            if (request.Method == SipMethods.Bye && cookie.ToString().Contains("did=d1", StringComparison.Ordinal))
            {
                context.OnTransaction(new Recorder("BYE", seen));
                context.TRelay(AnyUri.Parse(byeTarget), []);
                return true;
            }

            return false;
        }
    }

    private sealed class RouteSetHook : IRequestHook
    {
        public bool OnRequest(RouteContext context) =>
            context.TRelay(AnyUri.Parse("sip:bob@10.0.0.9"), [NameAddress.Parse("<sip:10.0.0.3;lr>"), NameAddress.Parse("<sip:10.0.0.4;lr>")]);
    }

    private sealed class Recorder(string name, ConcurrentQueue<string> seen) : ITransactionCallbacks
    {
        public void OnRequestRelayed(int branch, SipRequest request) => seen.Enqueue($"{name} relayed {branch} {request.Method}");

        public void OnResponseReceived(int branch, SipResponse response, bool faked) =>
            seen.Enqueue($"{name} received {branch} {response.StatusCode}{(faked ? " faked" : string.Empty)}");

        public void OnResponseSent(SipResponse response, bool local) =>
            seen.Enqueue($"{name} sent {response.StatusCode}{(local ? " local" : string.Empty)}");

        public void OnEnded() => seen.Enqueue($"{name} ended");
    }
}
