using Akka.Actor;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>
/// Props for the per-transaction actors, made for an actor a request: the constructor is called directly
/// (<c>Props.Create(() => new T(...))</c> evaluates the expression and invokes the constructor by reflection), and the
/// mailbox is named, which spares the mailbox resolution a lazily computed, locked reflection over the actor type.
/// Together these cost more than the transaction's own work. They run on the <see cref="TransactionDispatcher"/>.
/// </summary>
internal static class TransactionProps
{
    private static readonly Deploy Deployment = new Deploy().WithDispatcher(TransactionDispatcher.Id).WithMailbox("akka.actor.default-mailbox");

    public static Props Of<TActor>(Func<TActor> create)
        where TActor : ActorBase => Props.CreateBy(new Producer<TActor>(create)).WithDeploy(Deployment);

    private sealed class Producer<TActor>(Func<TActor> create) : IIndirectActorProducer
        where TActor : ActorBase
    {
        public Type ActorType => typeof(TActor);

        public ActorBase Produce() => create();

        public void Release(ActorBase actor)
        {
        }
    }
}
