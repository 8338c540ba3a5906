using ClusterSip.Sip.Stack.Proxy;

namespace ClusterSip.Sip.Stack.Routing;

/// <summary>The proxy's routes run by the route script, with the node's request hooks before the request route.</summary>
internal sealed class ScriptRouting(IRouteScript script, RoutingSettings settings, TwAppendSpec twAppend, IReadOnlyList<IRequestHook> hooks)
    : IProxyRoutes
{
    public RoutingSettings Settings { get; } = settings;

    public TwAppendSpec TwAppend { get; } = twAppend;

    public void OnRequest(RouteRun run)
    {
        var context = new RouteContext(run, this);
        foreach (var hook in hooks)
        {
            if (hook.OnRequest(context))
            {
                return;
            }
        }

        script.OnRequest(context);
    }

    public void OnBranch(string name, RouteRun run) => script.OnBranch(name, new RouteContext(run, this));

    public void OnReply(string name, RouteRun run) => script.OnReply(name, new RouteContext(run, this));

    public void OnFailure(string name, RouteRun run) => script.OnFailure(name, new RouteContext(run, this));
}
