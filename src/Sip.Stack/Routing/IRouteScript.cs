namespace ClusterSip.Sip.Stack.Routing;

/// <summary>
/// A routing script in plain C#. The request route runs for every new server transaction and, as Kamailio's
/// request_route, for every request that makes none: an ACK of a 2xx (<see cref="RouteContext.HasTransaction"/> false;
/// relayed statelessly if the route relays it). Retransmissions and the ACK of a non-2xx stay with their transaction; a
/// CANCEL matching an INVITE transaction is relayed to that transaction by t_relay, or by the layer itself if the route
/// does not. The named branch, reply and failure routes run when armed with t_on_branch, t_on_reply and t_on_failure.
/// Node-level <see cref="IRequestHook"/>s see each request before the request route.
/// </summary>
/// <remarks>
/// Every method runs on the thread that delivered the message, usually the UDP receive thread itself (docs/tm.md,
/// Threads): it must not block. An exception it throws ends the transaction with a 500.
/// </remarks>
public interface IRouteScript
{
    /// <summary>The main request route.</summary>
    void OnRequest(RouteContext context);

    /// <summary><c>branch_route[name]</c>: once per branch before it is sent; <see cref="RouteContext.Drop"/> skips the branch.</summary>
    void OnBranch(string name, RouteContext context)
    {
    }

    /// <summary><c>onreply_route[name]</c>: each reply received for the transaction; <see cref="RouteContext.Drop"/> keeps a 1xx from being relayed.</summary>
    void OnReply(string name, RouteContext context)
    {
    }

    /// <summary><c>failure_route[name]</c>: all branches ended negatively, before the final reply goes upstream.</summary>
    void OnFailure(string name, RouteContext context)
    {
    }
}
