using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Tests.Support;
using ClusterSip.Sip.Stack.Transactions;
using Xunit;
using Xunit.Abstractions;
using static ClusterSip.Sip.Stack.Tests.Support.SipTestMessages;

namespace ClusterSip.Sip.Stack.Tests.Proxy;

/// <summary>Parallel forking, best response (RFC 3261 16.7) and CANCEL (16.10).</summary>
public sealed class ForkingTests(ITestOutputHelper output) : TmTestKit(output)
{
    private static readonly DelegateRouteScript ForkToAAndB = new(c =>
    {
        c.AppendBranch("sip:bob@10.0.0.3");
        c.TRelay();
    });

    [Fact]
    public void A_200_from_one_branch_is_relayed_and_cancels_the_other()
    {
        var (layer, a, b) = Fork();
        Ring(layer, a, b);

        layer.OnMessage(From(ResponseTo(a, 200), CalleeA));
        var sent = ExpectSent(2);
        Assert.Single(FindResponse(sent, 200).Vias);
        var cancel = Find(sent, "CANCEL", CalleeB);
        Assert.Equal(b.TopVia!.Branch, cancel.TopVia!.Branch);

        layer.OnMessage(From(ResponseTo(cancel, 200), CalleeB));
        layer.OnMessage(From(ResponseTo(b, 487), CalleeB));
        ExpectRequest("ACK", CalleeB); // the client transaction acknowledges the 487 itself; the 487 goes nowhere
        ExpectNothingSent();
    }

    [Fact]
    public void When_all_branches_fail_the_best_response_goes_upstream()
    {
        var (layer, a, b) = Fork();
        layer.OnMessage(From(ResponseTo(a, 486), CalleeA));
        ExpectRequest("ACK", CalleeA);
        ExpectNothingSent(); // still waiting for B
        layer.OnMessage(From(ResponseTo(b, 404), CalleeB));
        var sent = ExpectSent(2);
        Find(sent, "ACK", CalleeB);
        FindResponse(sent, 404); // 16.7 step 6: within 4xx, the lowest code
    }

    [Fact]
    public void A_6xx_cancels_the_other_branches_and_wins()
    {
        var (layer, a, b) = Fork();
        Ring(layer, a, b);
        layer.OnMessage(From(ResponseTo(a, 603), CalleeA));
        var sent = ExpectSent(2);
        Find(sent, "ACK", CalleeA);
        var cancel = Find(sent, "CANCEL", CalleeB);
        layer.OnMessage(From(ResponseTo(cancel, 200), CalleeB));
        layer.OnMessage(From(ResponseTo(b, 487), CalleeB));
        sent = ExpectSent(2);
        Find(sent, "ACK", CalleeB);
        FindResponse(sent, 603);
    }

    [Fact]
    public void Cancel_is_answered_200_propagated_to_every_pending_branch_and_487_goes_upstream()
    {
        var (layer, a, b) = Fork();
        Ring(layer, a, b);

        layer.OnMessage(From(Request("CANCEL"), Caller));
        var sent = ExpectSent(3);
        FindResponse(sent, 200);
        var cancelA = Find(sent, "CANCEL", CalleeA);
        var cancelB = Find(sent, "CANCEL", CalleeB);

        layer.OnMessage(From(ResponseTo(cancelA, 200), CalleeA));
        layer.OnMessage(From(ResponseTo(a, 487), CalleeA));
        ExpectRequest("ACK", CalleeA);
        layer.OnMessage(From(ResponseTo(cancelB, 200), CalleeB));
        layer.OnMessage(From(ResponseTo(b, 487), CalleeB));
        sent = ExpectSent(2);
        Find(sent, "ACK", CalleeB);
        FindResponse(sent, 487);

        layer.OnMessage(From(Request("ACK", toTag: "callee1"), Caller)); // ACK of the 487: absorbed hop by hop
        ExpectNothingSent();
    }

    [Fact]
    public void A_script_sees_a_matched_cancel_with_t_check_trans_and_relays_it_to_its_invite()
    {
        var checks = new List<bool>();
        var layer = StartLayer(new DelegateRouteScript(c =>
        {
            if (c.Request.Method == "CANCEL")
            {
                checks.Add(c.TCheckTrans());
                if (c.TCheckTrans())
                {
                    c.TRelay();
                }

                return;
            }

            c.TRelay();
        }));
        layer.OnMessage(From(Request("INVITE"), Caller));
        var a = Find(ExpectSent(2), "INVITE", CalleeA);
        layer.OnMessage(From(ResponseTo(a, 180), CalleeA));
        ExpectResponse(180);
        layer.OnMessage(From(Request("CANCEL"), Caller));
        var sent = ExpectSent(2);
        FindResponse(sent, 200);
        Find(sent, "CANCEL", CalleeA);
        layer.OnMessage(From(Request("CANCEL", branch: "z9hG4bKnomatch"), Caller));
        AwaitAssert(() => Assert.Equal([true, false], checks));
        ExpectNothingSent(); // this script drops CANCELs without a transaction
    }

    [Fact]
    public void Cancel_before_anything_was_relayed_gets_487_at_once()
    {
        var layer = StartLayer(new DelegateRouteScript(c => c.TNewTran()));
        layer.OnMessage(From(Request("INVITE"), Caller));
        AwaitCounts(layer, 1, 0);
        layer.OnMessage(From(Request("CANCEL"), Caller));
        var sent = ExpectSent(2);
        Assert.Contains(sent, s => s.Response.StatusCode == 200 && s.Response.CSeq!.Method == "CANCEL");
        Assert.Contains(sent, s => s.Response.StatusCode == 487 && s.Response.CSeq!.Method == "INVITE");
    }

    [Fact]
    public void After_a_full_forked_call_every_transaction_ends_and_the_index_is_empty()
    {
        var (layer, a, b) = Fork();
        Ring(layer, a, b);
        layer.OnMessage(From(ResponseTo(a, 200), CalleeA));
        var cancel = Find(ExpectSent(2), "CANCEL", CalleeB);
        layer.OnMessage(From(ResponseTo(cancel, 200), CalleeB));
        layer.OnMessage(From(ResponseTo(b, 487), CalleeB));
        ExpectRequest("ACK", CalleeB);
        AwaitCounts(layer, 1, 2); // the INVITE server transaction, B's INVITE (Timer D) and its CANCEL (Timer K)

        Advance(TimeSpan.FromSeconds(5)); // wt_timer after the 2xx; K of the CANCEL
        Advance(TimeSpan.FromSeconds(27)); // Timer D of B, then delete_timer
        Advance(TimeSpan.FromSeconds(2));
        AwaitAllEnded(layer);
        Assert.Equal(0, Statistics.Snapshot().InUseTransactions);
    }

    [Fact]
    public void Challenges_of_all_branches_are_merged_into_the_401_or_407_sent_upstream()
    {
        var (layer, a, b) = Fork();
        var challengeA = ResponseTo(a, 401);
        challengeA.Headers.Add("WWW-Authenticate", "Digest realm=\"a.example\", nonce=\"1\"");
        layer.OnMessage(From(challengeA, CalleeA));
        ExpectRequest("ACK", CalleeA);
        var challengeB = ResponseTo(b, 407, "callee2");
        challengeB.Headers.Add("Proxy-Authenticate", "Digest realm=\"b.example\", nonce=\"2\"");
        layer.OnMessage(From(challengeB, CalleeB));
        var sent = ExpectSent(2);
        var upstream = FindResponse(sent, 401);
        Assert.Single(upstream.Headers.GetAll("WWW-Authenticate"));
        Assert.Contains("b.example", Assert.Single(upstream.Headers.GetAll("Proxy-Authenticate")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_branch_that_fails_at_once_does_not_end_the_others()
    {
        var layer = StartLayer(new DelegateRouteScript(c =>
        {
            c.SetUri("sip:bob@unresolvable.test");
            c.AppendBranch("sip:bob@10.0.0.2");
            c.TRelay();
        }));
        layer.OnMessage(From(Request("INVITE"), Caller));
        var sent = ExpectSent(2);
        FindResponse(sent, 100);
        var a = Find(sent, "INVITE", CalleeA);
        ExpectNothingSent();
        layer.OnMessage(From(ResponseTo(a, 486), CalleeA));
        sent = ExpectSent(2);
        Find(sent, "ACK", CalleeA);
        FindResponse(sent, 486); // a received 486 beats the local 503 of the unresolvable branch
    }

    [Fact]
    public void Each_branch_follows_its_own_path_and_no_other()
    {
        var layer = StartLayer(new DelegateRouteScript(c =>
        {
            c.SetUri("sip:bob@192.0.2.50", ["<sip:10.0.0.2;lr>"]);
            c.AppendBranch("sip:bob@192.0.2.60", ["<sip:10.0.0.3;lr>", "<sip:edge2.example;lr>"]);
            c.AppendBranch("sip:bob@10.0.0.2:5070");
            c.TRelay();
        }));
        layer.OnMessage(From(Request("INVITE"), Caller));
        var sent = ExpectSent(4);
        var a = Find(sent, "INVITE", CalleeA);
        Assert.Equal("sip:bob@192.0.2.50", a.RequestUri.ToString());
        Assert.Equal(["<sip:10.0.0.2;lr>"], a.Routes.Select(r => r.ToString()));
        var b = Find(sent, "INVITE", CalleeB);
        Assert.Equal("sip:bob@192.0.2.60", b.RequestUri.ToString());
        Assert.Equal(["<sip:10.0.0.3;lr>", "<sip:edge2.example;lr>"], b.Routes.Select(r => r.ToString()));
        var direct = Find(sent, "INVITE", Udp("10.0.0.2", 5070));
        Assert.Empty(direct.Routes);
    }

    private (TransactionLayer Layer, SipRequest A, SipRequest B) Fork()
    {
        var layer = StartLayer(ForkToAAndB);
        layer.OnMessage(From(Request("INVITE"), Caller));
        var sent = ExpectSent(3);
        FindResponse(sent, 100);
        return (layer, Find(sent, "INVITE", CalleeA), Find(sent, "INVITE", CalleeB));
    }

    private void Ring(TransactionLayer layer, SipRequest a, SipRequest b)
    {
        layer.OnMessage(From(ResponseTo(a, 180), CalleeA));
        ExpectResponse(180);
        layer.OnMessage(From(ResponseTo(b, 180, "callee2"), CalleeB));
        ExpectResponse(180);
    }
}
