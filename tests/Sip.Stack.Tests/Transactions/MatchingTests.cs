using ClusterSip.Sip.Stack.Tests.Support;
using ClusterSip.Sip.Stack.Transactions;
using Xunit;
using Xunit.Abstractions;
using static ClusterSip.Sip.Stack.Tests.Support.SipTestMessages;

namespace ClusterSip.Sip.Stack.Tests.Transactions;

public sealed class MatchingTests(ITestOutputHelper output) : TmTestKit(output)
{
    [Fact]
    public void Rfc3261_key_is_branch_sent_by_and_method()
    {
        var key = TransactionKey.ForServer(Request("INVITE", branch: "z9hG4bKa"), "INVITE", true, true);
        Assert.Equal(new TransactionKey("z9hG4bKa", "10.0.0.1:5060", "INVITE"), key);
        Assert.NotEqual(key, TransactionKey.ForServer(Request("INVITE", branch: "z9hG4bKa", via: "SIP/2.0/UDP 10.0.0.9:5060"), "INVITE", true, true));
        Assert.NotEqual(key, TransactionKey.ForServer(Request("INVITE", branch: "z9hG4bKb"), "INVITE", true, true));
        Assert.Equal(key, TransactionKey.ForServer(Request("INVITE", branch: "z9hG4bKa", uri: "sip:other@10.0.0.5"), "INVITE", true, true));
    }

    [Fact]
    public void Ack_and_cancel_find_their_invite()
    {
        var invite = TransactionKey.ForServer(Request("INVITE", branch: "z9hG4bKa"), "INVITE", true, true);
        Assert.Equal(invite, TransactionKey.ForServer(Request("ACK", branch: "z9hG4bKa"), "INVITE", true, true));
        Assert.Equal(invite, TransactionKey.ForServer(Request("CANCEL", branch: "z9hG4bKa"), "INVITE", true, true));
        Assert.NotEqual(invite, TransactionKey.ForServer(Request("CANCEL", branch: "z9hG4bKa"), "CANCEL", true, true));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Rfc2543_matching_uses_the_request_uri_only_with_ruri_matching(bool ruriMatching, bool expectSame)
    {
        var invite = TransactionKey.ForServer(Request("INVITE", branch: "1234"), "INVITE", ruriMatching, true);
        var ack = TransactionKey.ForServer(Request("ACK", branch: "1234", uri: "sip:bob@10.0.0.7"), "INVITE", ruriMatching, true);
        Assert.True(invite!.Value.IsRfc2543);
        Assert.Equal(expectSame, invite == ack);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Rfc2543_matching_uses_the_top_via_only_with_via1_matching(bool via1Matching, bool expectSame)
    {
        var invite = TransactionKey.ForServer(Request("INVITE", branch: "1234"), "INVITE", true, via1Matching);
        var cancel = TransactionKey.ForServer(Request("CANCEL", branch: "1234", via: "SIP/2.0/UDP 10.0.0.1:5070"), "INVITE", true, via1Matching);
        Assert.Equal(expectSame, invite == cancel);
    }

    [Fact]
    public void Rfc2543_matching_distinguishes_call_id_from_tag_and_cseq()
    {
        var a = TransactionKey.ForServer(Request("INVITE", branch: "1234"), "INVITE", true, true);
        Assert.NotEqual(a, TransactionKey.ForServer(Request("INVITE", branch: "1234", callId: "other"), "INVITE", true, true));
        Assert.NotEqual(a, TransactionKey.ForServer(Request("INVITE", branch: "1234", cseq: 2), "INVITE", true, true));
    }

    [Fact]
    public void Client_key_is_branch_and_cseq_method_of_the_response()
    {
        var sent = Request("INVITE", branch: "z9hG4bKout");
        Assert.Equal(TransactionKey.ForClientRequest(sent), TransactionKey.ForClientResponse(ResponseTo(sent, 180)));
        Assert.NotEqual(TransactionKey.ForClientRequest(sent), TransactionKey.ForClientResponse(ResponseTo(Request("CANCEL", branch: "z9hG4bKout"), 200)));
    }

    [Fact]
    public void Rfc2543_retransmission_reaches_the_same_transaction_and_a_different_uri_makes_a_new_one()
    {
        var layer = StartLayer(new DelegateRouteScript(c => c.TReply(404, "Not Found")));
        layer.OnMessage(From(Request("OPTIONS", branch: "old1"), Caller));
        ExpectResponse(404);
        layer.OnMessage(From(Request("OPTIONS", branch: "old1"), Caller));
        ExpectResponse(404);
        AwaitCounts(layer, 1, 0);
        layer.OnMessage(From(Request("OPTIONS", branch: "old1", uri: "sip:carol@10.0.0.2"), Caller));
        ExpectResponse(404);
        AwaitCounts(layer, 2, 0);
    }

    [Fact]
    public void Responses_reach_their_client_transaction_and_the_index_empties_after_the_timers()
    {
        var layer = StartLayer(new DelegateRouteScript(c => c.TRelay("udp:10.0.0.2:5060")));
        layer.OnMessage(From(Request("OPTIONS"), Caller));
        var forwarded = ExpectRequest("OPTIONS", CalleeA);
        AwaitCounts(layer, 1, 1);
        layer.OnMessage(From(ResponseTo(forwarded, 200), CalleeA));
        var relayed = ExpectResponse(200);
        Assert.Single(relayed.Vias);
        Advance(TimeSpan.FromSeconds(5)); // K = T4, J = wt_timer from the final
        AwaitAllEnded(layer);
    }
}
