using Akka.Actor;
using ClusterSip.Sip.Stack.Actors;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>
/// Props for the per-transaction actors, made for an actor a request (<see cref="DirectProps"/>), with the
/// transactions' dispatcher in a deployment shared by all: <c>Props.WithDeploy</c> merges two <see cref="Deploy"/>
/// objects, and each merge parses an empty HOCON string.
/// </summary>
internal static class TransactionProps
{
    private static readonly Deploy Deployment = new Deploy().WithDispatcher(TransactionDispatcher.Id);

    public static Props Of<TActor>(Func<TActor> create)
        where TActor : ActorBase => DirectProps.Of(Template<TActor>.Props, create);

    private static class Template<TActor>
        where TActor : ActorBase
    {
        public static readonly Props Props = DirectProps.Template<TActor>(Deployment);
    }
}
