namespace ClusterSip.Sip.Stack.Routing;

/// <summary>Raises route events: every node's waiters and subscribers for the event's name see it (cluster-wide).</summary>
public interface IRouteEventPublisher
{
    /// <summary>Raises <paramref name="routeEvent"/> without waiting; it is delivered at most once to each matching waiter.</summary>
    void Publish(RouteEvent routeEvent);
}
