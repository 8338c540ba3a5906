using ClusterSip.Sip.Stack.Tests.Support;
using ClusterSip.Sip.Stack.Transactions;
using Xunit;
using Xunit.Abstractions;
using static ClusterSip.Sip.Stack.Tests.Support.SipTestMessages;

namespace ClusterSip.Sip.Stack.Tests.Transactions;

/// <summary>Transactions end with their timers: the index and inuse_transactions return to zero.</summary>
public sealed class LifecycleTests(ITestOutputHelper output) : TmTestKit(output)
{
    [Fact]
    public void Many_relayed_transactions_all_end()
    {
        const int calls = 200;
        var layer = StartLayer(new DelegateRouteScript(c => c.TRelay()));
        for (var i = 0; i < calls; i++)
        {
            layer.OnMessage(From(Request("OPTIONS", branch: "z9hG4bKmany" + i, callId: "many" + i), Caller));
        }

        var forwarded = ExpectSent(calls);
        foreach (var sent in forwarded)
        {
            layer.OnMessage(From(ResponseTo(sent.Request, 200), CalleeA));
        }

        ExpectSent(calls);
        AwaitCounts(layer, calls, calls); // the client transactions are in Completed until K
        Advance(TimeSpan.FromSeconds(5)); // K = T4, and J = wt_timer
        AwaitAllEnded(layer);
        AwaitAssert(() => Assert.Equal(0, Statistics.Snapshot().InUseTransactions));
    }

    [Fact]
    public void A_response_matching_no_transaction_is_forwarded_statelessly_to_the_next_via()
    {
        var layer = StartLayer(new DelegateRouteScript(_ => { }));
        var forwarded = Request("INVITE", branch: "z9hG4bKgone", via: "SIP/2.0/UDP 10.0.0.100:5060");
        forwarded.PushVia(ClusterSip.Sip.Headers.ViaHeader.Parse("SIP/2.0/UDP 10.0.0.100:5060;branch=z9hG4bKours"));
        var late200 = ResponseTo(forwarded, 200);
        layer.OnMessage(From(late200, CalleeA));
        var relayed = ExpectResponse(200);
        Assert.Equal("z9hG4bKgone", Assert.Single(relayed.Vias).Branch);
    }

    [Fact]
    public void An_rfc2543_ack_of_a_2xx_matches_the_invite_and_is_forwarded_end_to_end()
    {
        var layer = StartLayer(new DelegateRouteScript(c => c.TRelay()));
        layer.OnMessage(From(Request("INVITE", branch: "old2543"), Caller));
        ExpectResponse(100);
        var a = ExpectRequest("INVITE", CalleeA);
        layer.OnMessage(From(ResponseTo(a, 200), CalleeA));
        ExpectResponse(200);
        layer.OnMessage(From(Request("ACK", branch: "old2543", toTag: "callee1"), Caller));
        ExpectRequest("ACK", CalleeA);
    }
}
