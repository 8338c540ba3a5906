namespace ClusterSip.Sip.Stack.Proxy;

/// <summary>Which block of the script is running (the tm module's REQUEST_ROUTE, BRANCH_ROUTE, ONREPLY_ROUTE, FAILURE_ROUTE).</summary>
public enum RouteKind
{
    Request,
    Branch,
    Reply,
    Failure,
}
