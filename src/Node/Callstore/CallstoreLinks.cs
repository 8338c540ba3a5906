using Akka.Actor;
using ClusterSip.Callstore;
using ClusterSip.InteractionProxy;
using ClusterSip.Node.Hosting;

namespace ClusterSip.Node.Callstore;

/// <summary>
/// How the other features reach the callstore the callstore feature started before them (features start in order):
/// dialogs send their call events to its router; the Interaction Proxy asks its groups for snapshots.
/// </summary>
public static class CallstoreLinks
{
    public static IActorRef EventSink(NodeContext context) => context.System.GetExtension<CallstoreRuntime>().Router;

    public static CallstoreGroups Groups(NodeContext context) =>
        new(context.System.GetExtension<CallstoreRuntime>().Groups.Values.ToList());
}
