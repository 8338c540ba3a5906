using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;
using ClusterSip.Sip.Stack.Proxy;
using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>
/// A server transaction waiting out wt_timer (or Timer I) after its final response, its actor stopped: retransmitted
/// requests are answered with the last response when there is one (non-INVITE), or absorbed.
/// </summary>
internal sealed class LingeringServer(TransactionKey key, SipResponse? lastResponse, long connectionId, bool forwardsAck, long expirySweep)
    : LingeringTransaction(key, expirySweep)
{
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
                // Only an RFC 2543 peer's ACK of a 2xx matches the INVITE: it is end to end, forward it.
                StatelessForwarder.ForwardRequest(request, env.Transport, env.Resolver, env.Faults);
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
