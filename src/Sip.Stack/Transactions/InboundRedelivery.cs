using Akka.Actor;
using Akka.Event;
using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>
/// Matches again a message from the wire that reached one of the layer's transaction actors after the actor stopped:
/// a transport thread looked the actor up in the index just before its wait went to a lingering entry, and told it
/// just after it stopped. Matched again, a retransmission reaches that entry (or, once the wait is over, is handled as
/// a new arrival), and an end-to-end ACK is forwarded, instead of ending in dead letters.
/// </summary>
internal sealed class InboundRedelivery(TransactionLayer layer) : UntypedActor
{
    public static Props Props(TransactionLayer layer) => Akka.Actor.Props.Create(() => new InboundRedelivery(layer));

    protected override void OnReceive(object message)
    {
        if (message is not DeadLetter { Recipient.Path.Parent: var parent } dead || !layer.IsManager(parent))
        {
            return;
        }

        switch (dead.Message)
        {
            case InboundMessage inbound:
                layer.OnMessage(inbound);
                break;
            case ClientInbound client:
                layer.OnMessage(client.Message);
                break;
        }
    }
}
