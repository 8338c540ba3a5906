namespace ClusterSip.Sip.Stack.Routing;

/// <summary>
/// A node-level hook on every request, run before the request route (as a Kamailio module's pre-script callback): the
/// seam where a module such as dialogs matches in-dialog requests (by its Record-Route cookie in
/// <see cref="RouteContext.OwnRoute"/>, or by Call-ID and tags) and relays them itself, or registers
/// <see cref="RouteContext.OnTransaction"/> callbacks on a dialog-creating request and lets the script route it.
/// </summary>
/// <remarks>
/// Runs where the request route runs: on the transaction's actor for a request that makes a transaction, on the
/// receiving thread for one that does not (an ACK of a 2xx, <see cref="RouteContext.HasTransaction"/> false). It must
/// not block. Hooks run in the order the node lists them; an exception ends the transaction with a 500.
/// </remarks>
public interface IRequestHook
{
    /// <summary>Sees the request first; true when the hook took it (relayed, replied or dropped it): the route script then does not run.</summary>
    bool OnRequest(RouteContext context);
}
