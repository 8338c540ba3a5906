namespace ClusterSip.Sip.Stack.Routing;

/// <summary>
/// A routing script in plain C#. The request route runs for every new server transaction (not for retransmissions
/// nor ACKs, which the transaction layer handles; a CANCEL matching an INVITE transaction is relayed to that
/// transaction by t_relay, or by the layer itself if the route does not);
/// the named branch, reply and failure routes run when armed with t_on_branch, t_on_reply and t_on_failure.
/// Every method runs inside the transaction actor: it must not block.
/// </summary>
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
