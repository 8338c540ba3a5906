using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;
using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>
/// A server transaction waiting out wt_timer (or Timer I) after its final response, its actor stopped: retransmitted
/// requests are answered with the last response when there is one (non-INVITE), or absorbed.
/// </summary>
internal sealed class LingeringServer(TransactionKey key, SipResponse? lastResponse, long connectionId, bool forwardsAck, long expirySweep)
    : ServerEntry, ILingering
{
    public TransactionKey Key { get; } = key;

    public long ExpirySweep { get; } = expirySweep;

    public override void Deliver(InboundMessage message, TransactionEnvironment env) => OnRetransmission(message, env);

    // Retransmissions arrive on several receive threads at once. They share the bytes sent, kept once at hand-off as a
    // message no one else holds: unmodified, so sending copies those bytes, and with its top Via read, so nothing
    // lazily built is written while it is shared.
    private readonly SipResponse? _response = lastResponse is null ? null : Keep(lastResponse);

    public void OnRetransmission(InboundMessage message, TransactionEnvironment env)
    {
        var request = (SipRequest)message.Message;
        if (request.Method == SipMethods.Ack)
        {
            if (forwardsAck)
            {
                // Only an RFC 2543 peer's ACK of a 2xx matches the INVITE: it is end to end, the user's to route.
                env.User.OnStatelessRequest(message);
            }

            return;
        }

        if (_response is not null)
        {
            _ = env.Transport.SendResponseAsync(_response, connectionId).AsTask();
        }
    }

    private static SipResponse Keep(SipResponse response)
    {
        var kept = (SipResponse)SipParser.Parse(response.ToBytes());
        _ = kept.TopVia;
        return kept;
    }
}
