namespace ClusterSip.Sip.Stack.Routing;

/// <summary>
/// Event-driven routing for route scripts, OpenSIPS 2.3's two forms on a cluster-wide bus: an asynchronous wait that
/// parks the transaction until one matching event (<see cref="WaitFor"/>), and a subscription whose handler runs for
/// every matching event while the transaction lasts (<see cref="Subscribe"/>). Both wait through
/// <see cref="RouteContext.Await{T}"/>: no thread is blocked, the continuation runs as the request route on the
/// transaction's actor, and the wait ends with the transaction (a final reply, a CANCEL). Filters match attributes
/// exactly (<c>aor</c> = <c>sip:bob@example.com</c>). Request route only.
/// </summary>
public interface IRouteEvents : IRouteEventPublisher
{
    /// <summary>
    /// Parks the transaction until an event named <paramref name="eventName"/> matching <paramref name="filter"/> is
    /// raised on any node, then runs <paramref name="resume"/> with it; with null when <paramref name="timeout"/> passed first.
    /// </summary>
    void WaitFor(RouteContext context, string eventName, IReadOnlyDictionary<string, string> filter, TimeSpan timeout, Action<RouteContext, RouteEvent?> resume);

    /// <summary>
    /// Runs <paramref name="handler"/> for each event named <paramref name="eventName"/> matching
    /// <paramref name="filter"/> until the transaction ends or <paramref name="timeout"/> passes; then, if the
    /// transaction is still open, <paramref name="expired"/>. While subscribed the transaction stays open even when
    /// every branch has ended, so that a handler can still relay to new branches.
    /// </summary>
    void Subscribe(
        RouteContext context,
        string eventName,
        IReadOnlyDictionary<string, string> filter,
        Action<RouteContext, RouteEvent> handler,
        TimeSpan timeout,
        Action<RouteContext>? expired = null);

    /// <summary>
    /// OpenSIPS's event route, bound to no transaction: <paramref name="handler"/> runs for each event named
    /// <paramref name="eventName"/> matching <paramref name="filter"/> until <paramref name="timeout"/> passes or the
    /// result is disposed (a call's DTMF, long after its INVITE transaction ended). It runs on a pool thread, one event
    /// at a time, and must not block; an exception it throws is logged.
    /// </summary>
    IDisposable Listen(string eventName, IReadOnlyDictionary<string, string> filter, Action<RouteEvent> handler, TimeSpan timeout);
}
