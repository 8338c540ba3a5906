using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Tests.Support;
using ClusterSip.Sip.Stack.Transactions;
using ClusterSip.Sip.Stack.Transport;
using Xunit;
using Xunit.Abstractions;
using static ClusterSip.Sip.Stack.Tests.Support.SipTestMessages;

namespace ClusterSip.Sip.Stack.Tests.Transactions;

/// <summary>What the layer does with messages from an overloaded listener (<see cref="InboundMessage.Overloaded"/>).</summary>
public sealed class OverloadSheddingTests(ITestOutputHelper output) : TmTestKit(output)
{
    private static InboundMessage Overloaded(SipMessage message, SipEndPoint remote) => From(message, remote) with { Overloaded = true };

    [Fact]
    public void A_new_invite_is_answered_503_with_retry_after_and_starts_nothing()
    {
        var layer = StartLayer(Relay);
        layer.OnMessage(Overloaded(Request("INVITE"), Caller));

        var response = ExpectResponse(503);
        Assert.Equal("1", response.Headers.Get(HeaderNames.RetryAfter));
        ExpectNothingSent();
        AwaitCounts(layer, 0, 0);
        Assert.Equal(1, Statistics.Snapshot().OverloadReplies);
        Assert.Equal(1, Statistics.Snapshot().LocalReplies);
    }

    [Fact]
    public void The_callers_ack_of_the_503_is_absorbed_not_routed_on()
    {
        var layer = StartLayer(Relay);
        layer.OnMessage(Overloaded(Request("INVITE"), Caller));
        var response = ExpectResponse(503);

        layer.OnMessage(From(Request("ACK", toTag: response.To!.Tag), Caller));
        ExpectNothingSent();

        // An ACK of a 2xx (another To tag) is still routed end to end.
        layer.OnMessage(From(Request("ACK", toTag: "callee1"), Caller));
        ExpectRequest("ACK", CalleeA);
    }

    [Fact]
    public void Work_already_begun_passes_a_retransmission_reaches_its_transaction_and_an_in_dialog_request_is_relayed()
    {
        var layer = StartLayer(Relay);
        layer.OnMessage(From(Request("INVITE"), Caller));
        var sent = ExpectSent(2);
        FindResponse(sent, 100);
        var invite = Find(sent, "INVITE", CalleeA);

        layer.OnMessage(Overloaded(Request("INVITE"), Caller));
        ExpectResponse(100); // the transaction answers its retransmission

        layer.OnMessage(Overloaded(Request("CANCEL"), Caller));
        sent = ExpectSent(1);
        FindResponse(sent, 200);

        layer.OnMessage(Overloaded(Request("BYE", branch: "z9hG4bKbye", toTag: "callee1", cseq: 2), Caller));
        ExpectRequest("BYE", CalleeA);

        layer.OnMessage(Overloaded(ResponseTo(invite, 487), CalleeA));
        Assert.Equal(0, Statistics.Snapshot().OverloadReplies);
    }

    [Fact]
    public void A_new_out_of_dialog_request_of_any_method_is_shed_too()
    {
        var layer = StartLayer(Relay);
        layer.OnMessage(Overloaded(Request("OPTIONS", branch: "z9hG4bKopt"), Caller));
        ExpectResponse(503);
        layer.OnMessage(Overloaded(Request("REGISTER", branch: "z9hG4bKreg"), Caller));
        ExpectResponse(503);
        AwaitCounts(layer, 0, 0);
    }
}
