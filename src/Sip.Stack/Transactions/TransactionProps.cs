using Akka.Actor;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>
/// Props for the per-transaction actors that call their constructor directly: <c>Props.Create(() => new T(...))</c>
/// evaluates the expression's arguments and invokes the constructor by reflection, which for an actor a request
/// costs more than the transaction's own work.
/// </summary>
internal static class TransactionProps
{
    public static Props Of<TActor>(Func<TActor> create)
        where TActor : ActorBase => Props.CreateBy(new Producer<TActor>(create));

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
