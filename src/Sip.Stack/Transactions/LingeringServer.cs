using ClusterSip.Sip.Messages;
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

        if (lastResponse is not null)
        {
            _ = env.Transport.SendResponseAsync(lastResponse, connectionId).AsTask();
        }
    }
}
