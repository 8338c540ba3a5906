using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Proxy;

namespace ClusterSip.Sip.Stack.Routing;

/// <summary>Suspending the request route for asynchronous work (Kamailio's t_suspend / t_continue), and replies the script builds.</summary>
public sealed partial class RouteContext
{
    /// <summary>
    /// Waits for <paramref name="work"/> without blocking: the route returns at once, the transaction stays, and
    /// <paramref name="resume"/> runs later on the transaction's actor, as the request route, with the result. Should
    /// the work fail, the transaction ends with a 500 and the fault is logged. Request route only. While it waits, branches
    /// already relayed that all end do not end the transaction: the final reply waits for the route to resume (a CANCEL
    /// from the caller still ends it at once).
    /// </summary>
    public void Await<T>(Task<T> work, Action<RouteContext, T> resume)
    {
        Allowed(RouteKind.Request);
        Core.Suspend(work, result => run => resume(new RouteContext(run, _routing), result));
    }

    /// <summary>
    /// <c>t_cancel_branches("all")</c>: CANCEL every pending branch (after a t_reply of its own, a route that gives up
    /// waiting stops the phones still ringing).
    /// </summary>
    public void TCancelBranches()
    {
        Allowed(RouteKind.Request, RouteKind.Failure);
        Core.CancelBranches();
    }

    /// <summary>
    /// t_reply with a whole response (a challenge, a registrar's 200 with its Contacts, a presence agent's answer): its
    /// status, headers and To tag go out (the transaction's own tag when the response has none).
    /// </summary>
    public bool TReply(SipResponse response) => Allowed(RouteKind.Request, RouteKind.Failure) && Core.Reply(_run, response);
}
