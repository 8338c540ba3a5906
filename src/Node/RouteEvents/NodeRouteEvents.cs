using Akka.Actor;
using ClusterSip.Dialogs;
using ClusterSip.Presence;
using ClusterSip.Registrar.Routing;
using ClusterSip.RouteEvents;

namespace ClusterSip.Node.RouteEvents;

/// <summary>
/// The node's end of the cluster-wide route event bus (docs/event-routing.md), an extension of its ActorSystem started
/// by the first feature that asks: the registrar raises REGISTER on it, presence PRESENCE, route scripts wait on it.
/// Every node listens for the events the product raises itself from the start, so a wait on one node hears them from
/// all the others.
/// </summary>
public sealed class NodeRouteEvents : ExtensionIdProvider<NodeRouteEventsExtension>
{
    private static readonly NodeRouteEvents Id = new();

    public static ClusterRouteEvents Of(ActorSystem system) => ((NodeRouteEventsExtension)system.RegisterExtension(Id)).Events;

    public override NodeRouteEventsExtension CreateExtension(ExtendedActorSystem system) =>
        new(ClusterRouteEvents.Start(system, [RegisterEvent.Name, DtmfEvents.Name, PresenceEvent.Name]));
}

/// <summary>The bus held by <see cref="NodeRouteEvents"/>.</summary>
public sealed record NodeRouteEventsExtension(ClusterRouteEvents Events) : IExtension;
