using Akka.Actor;
using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>Delivery to a server transaction's index entry, whichever form it has.</summary>
internal static class ServerEntry
{
    public static void Deliver(object entry, InboundMessage message, TransactionEnvironment env)
    {
        if (entry is LingeringServer lingering)
        {
            lingering.OnRetransmission(message, env);
        }
        else
        {
            ((IActorRef)entry).Tell(message);
        }
    }
}
