using Akka.Actor;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace ClusterSip.Sip.Stack.Actors;

/// <summary>
/// An unbounded mailbox for short-lived actors made in great numbers (one per transaction): a small queue under a
/// lock. Akka's default queue is a <c>ConcurrentQueue</c>, which allocates a 32-slot segment for every actor (about a
/// kilobyte), while a transaction receives a handful of messages in its life.
/// </summary>
public sealed class SmallMailbox : MailboxType, IProducesMessageQueue<SmallMailbox.MessageQueue>
{
    public SmallMailbox()
        : base(null, null)
    {
    }

    public override IMessageQueue Create(IActorRef owner, ActorSystem system) => new MessageQueue();

    /// <summary>Many senders, one consumer (the actor's mailbox run); every member is safe from any thread.</summary>
    public sealed class MessageQueue : IMessageQueue, IUnboundedMessageQueueSemantics
    {
        private readonly Queue<Envelope> _queue = new(4);

        public bool HasMessages
        {
            get
            {
                lock (_queue)
                {
                    return _queue.Count > 0;
                }
            }
        }

        public int Count
        {
            get
            {
                lock (_queue)
                {
                    return _queue.Count;
                }
            }
        }

        public void Enqueue(IActorRef receiver, Envelope envelope)
        {
            lock (_queue)
            {
                _queue.Enqueue(envelope);
            }
        }

        public bool TryDequeue(out Envelope envelope)
        {
            lock (_queue)
            {
                return _queue.TryDequeue(out envelope);
            }
        }

        /// <summary>What is left when the actor stops goes to dead letters, as Akka's own queues do.</summary>
        public void CleanUp(IActorRef owner, IMessageQueue deadletters)
        {
            while (TryDequeue(out var envelope))
            {
                deadletters.Enqueue(owner, envelope);
            }
        }
    }
}
