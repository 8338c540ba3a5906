using ClusterSip.Sip.Messages;
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

        if (lastResponse is not null)
        {
            _ = env.Transport.SendResponseAsync(lastResponse, connectionId).AsTask();
        }
    }
}
