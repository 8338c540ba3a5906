using Akka.Actor;
using ClusterSip.Sip.Stack.Routing;

namespace ClusterSip.Tests.Support;

/// <summary>The route event bus of a test: every raised event goes to a probe.</summary>
public sealed class ProbeRouteEvents(IActorRef probe) : IRouteEventPublisher
{
    public void Publish(RouteEvent routeEvent) => probe.Tell(routeEvent);
}
