namespace ClusterSip.Sip.Stack.Proxy;

/// <summary>
/// The routes of the proxy: how the proxy core calls up to the layer that runs the script (Routing), tm's
/// REQUEST_ROUTE, BRANCH_ROUTE, ONREPLY_ROUTE and FAILURE_ROUTE. Each call gets the run's state, which the script reads
/// and changes through its route context.
/// </summary>
internal interface IProxyRoutes
{
    /// <summary>The request route: for every new transaction's request, and for every request that has no transaction (an ACK of a 2xx).</summary>
    void OnRequest(RouteRun run);

    void OnBranch(string name, RouteRun run);

    void OnReply(string name, RouteRun run);

    void OnFailure(string name, RouteRun run);
}
