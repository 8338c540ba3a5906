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
    /// <summary>The callstore's router; Nobody when no group is enabled, so that dialogs keep no events for it.</summary>
    public static IActorRef EventSink(NodeContext context) =>
        context.System.GetExtension<CallstoreRuntime>() is { Groups.Count: > 0 } runtime ? runtime.Router : ActorRefs.Nobody;

    public static CallstoreGroups Groups(NodeContext context) =>
        new(context.System.GetExtension<CallstoreRuntime>().Groups.Values.ToList());
}
