using Akka.Actor;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>
/// Props for the per-transaction actors, made for an actor a request. The actor's constructor is called directly
/// (<c>Props.Create(() => new T(...))</c> evaluates the expression and invokes the constructor by reflection), and the
/// deployment (dispatcher) is shared, not merged per Props: <c>Props.WithDeploy</c> merges two
/// <see cref="Deploy"/> objects, and each merge parses an empty HOCON string.
/// </summary>
internal static class TransactionProps
{
    private static readonly Deploy Deployment = new Deploy().WithDispatcher(TransactionDispatcher.Id);

    public static Props Of<TActor>(Func<TActor> create)
        where TActor : ActorBase => new ProducingProps(Template<TActor>.Props, create);

    /// <summary>The deployment and actor type of <typeparamref name="TActor"/>, made once.</summary>
    private static class Template<TActor>
        where TActor : ActorBase
    {
        public static readonly Props Props = Akka.Actor.Props.CreateBy(new TypeOnly()).WithDeploy(Deployment);

        private sealed class TypeOnly : IIndirectActorProducer
        {
            public Type ActorType => typeof(TActor);

            public ActorBase Produce() => throw new InvalidOperationException("only a template");

            public void Release(ActorBase actor)
            {
            }
        }
    }

    /// <summary>A copy of a template whose actors come from <c>create</c>.</summary>
    private sealed class ProducingProps(Props template, Func<ActorBase> create) : Props(template)
    {
        public override ActorBase NewActor() => create();

        protected override Props Copy() => new ProducingProps(this, create);
    }
}
