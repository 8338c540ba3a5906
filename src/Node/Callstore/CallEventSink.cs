using Akka.Actor;
using ClusterSip.Callstore.Routing;
using ClusterSip.Node.Hosting;

namespace ClusterSip.Node.Callstore;

/// <summary>
/// Where a node's dialogs send their call events: the callstore router the callstore feature started before the SIP
/// feature (features start in order), found by its path without waiting.
/// </summary>
public static class CallEventSink
{
    public static IActorRef Of(NodeContext context)
    {
        var system = (ExtendedActorSystem)context.System;
        return system.Provider.ResolveActorRef(new RootActorPath(system.Provider.DefaultAddress) / "user" / CallstoreRouter.Name);
    }
}
