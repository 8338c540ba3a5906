using Akka.Actor;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Proxy;
using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>
/// A server transaction in its wait state (the tm module's wait timer) after its actor stopped: the index entry that
/// absorbs the request's retransmissions, answering them with the last response when there is one, until
/// it expires. A finished transaction needs no more than this, and a call's transactions spend most of
/// their life here (wt_timer); as an actor with its messages, branches and timers they were most of the live heap.
/// </summary>
internal sealed class LingeringTransaction(TransactionKey key, SipResponse? lastResponse, long connectionId, bool forwardsAck, long expirySweep)
{
    public TransactionKey Key { get; } = key;

    /// <summary>The manager's sweep that removes the entry (<see cref="TransactionIndex.ExpirySweep"/>).</summary>
    public long ExpirySweep { get; } = expirySweep;

    /// <summary>A retransmitted request: answered with the last response (non-INVITE), or absorbed.</summary>
    public void OnRetransmission(InboundMessage message, TransactionEnvironment env)
    {
        var request = (SipRequest)message.Message;
        if (request.Method == SipMethods.Ack)
        {
            if (forwardsAck)
            {
                // Only an RFC 2543 peer's ACK of a 2xx matches the INVITE: it is end to end, forward it.
                StatelessForwarder.ForwardRequest(request, env.Transport, env.Resolver);
            }

            return;
        }

        if (lastResponse is not null)
        {
            _ = env.Transport.SendResponseAsync(lastResponse, connectionId).AsTask();
        }
    }
}

/// <summary>Delivery to a server transaction's index entry, whichever form it has.</summary>
internal static class ServerEntry
{
    public static void Deliver(object entry, InboundMessage message, TransactionEnvironment env)
    {
        if (entry is LingeringTransaction lingering)
        {
            lingering.OnRetransmission(message, env);
        }
        else
        {
            ((IActorRef)entry).Tell(message);
        }
    }
}
