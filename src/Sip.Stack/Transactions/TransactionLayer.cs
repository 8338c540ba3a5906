using Akka.Actor;
using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>
/// The transaction layer as the transports see it: an <see cref="ISipMessageSink"/> that tells the node's
/// <see cref="TransactionManager"/> every inbound message and returns at once.
/// </summary>
public sealed class TransactionLayer : ISipMessageSink
{
    public TransactionLayer(IActorRef manager) => Manager = manager;

    /// <summary>The transaction manager actor (also accepts <see cref="StartUacTransaction"/> and <see cref="GetTransactionCounts"/>).</summary>
    public IActorRef Manager { get; }

    /// <summary>Starts the transaction manager as a top-level actor named <paramref name="name"/>.</summary>
    public static TransactionLayer Start(IActorRefFactory system, TransactionEnvironment env, string name = "tm") =>
        new(system.ActorOf(TransactionManager.Props(env), name));

    public void OnMessage(InboundMessage message) => Manager.Tell(message);
}
