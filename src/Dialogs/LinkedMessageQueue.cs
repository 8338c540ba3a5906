using Akka.Actor;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace ClusterSip.Dialogs;

/// <summary>
/// An unbounded mailbox queue for many producers and the one actor that consumes it (D. Vyukov's intrusive MPSC
/// queue, as Akka's JVM AbstractNodeQueue): a linked list with a node per message and nothing else, so an empty
/// queue is one spare node. A producer swaps itself in as the tail and then links the old tail to it; until it has
/// linked, the consumer sees the queue end there, and the producer's own scheduling of the mailbox after the enqueue
/// runs the consumer again.
/// </summary>
public sealed class LinkedMessageQueue : IMessageQueue, IUnboundedMessageQueueSemantics
{
    private Node _head; // the consumer's: the node before the next message
    private Node _tail; // the producers': the last node linked or being linked

    public LinkedMessageQueue() => _head = _tail = new Node(default);

    public bool HasMessages => Volatile.Read(ref _head.Next) is not null;

    /// <summary>The messages linked now (counted by walking them; Akka reads it only for diagnostics).</summary>
    public int Count
    {
        get
        {
            var count = 0;
            for (var node = Volatile.Read(ref _head.Next); node is not null; node = Volatile.Read(ref node.Next))
            {
                count++;
            }

            return count;
        }
    }

    public void Enqueue(IActorRef receiver, Envelope envelope)
    {
        var node = new Node(envelope);
        var previous = Interlocked.Exchange(ref _tail, node);
        Volatile.Write(ref previous.Next, node);
    }

    public bool TryDequeue(out Envelope envelope)
    {
        var next = Volatile.Read(ref _head.Next);
        if (next is null)
        {
            envelope = default;
            return false;
        }

        envelope = next.Envelope;
        next.Envelope = default; // the new spare node keeps no message alive
        _head = next;
        return true;
    }

    public void CleanUp(IActorRef owner, IMessageQueue deadletters)
    {
        while (TryDequeue(out var envelope))
        {
            deadletters.Enqueue(owner, envelope);
        }
    }

    private sealed class Node(Envelope envelope)
    {
        public Envelope Envelope = envelope;
        public Node? Next;
    }
}
