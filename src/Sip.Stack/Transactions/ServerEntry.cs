using Akka.Actor;
using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>
/// What the index holds for a server transaction: its running actor (<see cref="RunningServer"/>) or its wait state
/// (<see cref="LingeringServer"/>); the constructor keeps other kinds out.
/// </summary>
internal abstract class ServerEntry
{
    private protected ServerEntry()
    {
    }

    /// <summary>Gives a request of the transaction (a retransmission, an ACK) to it, on the thread that matched it.</summary>
    public abstract void Deliver(InboundMessage message, TransactionEnvironment env);
}

/// <summary>A server transaction whose actor runs. Equal by actor, so that the actor can remove or replace its own entry.</summary>
internal sealed class RunningServer(IActorRef actor) : ServerEntry
{
    public IActorRef Actor { get; } = actor;

    public override void Deliver(InboundMessage message, TransactionEnvironment env) => Actor.Tell(message);

    public override bool Equals(object? obj) => obj is RunningServer other && other.Actor.Equals(Actor);

    public override int GetHashCode() => Actor.GetHashCode();
}
