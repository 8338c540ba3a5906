using ClusterSip.Sip.Stack.Routing;

namespace ClusterSip.Sip.Stack.Tests.Support;

/// <summary>A route script made of lambdas, for tests.</summary>
public sealed class DelegateRouteScript(Action<RouteContext> onRequest) : IRouteScript
{
    public Action<string, RouteContext>? Branch { get; init; }

    public Action<string, RouteContext>? Reply { get; init; }

    public Action<string, RouteContext>? Failure { get; init; }

    public void OnRequest(RouteContext context) => onRequest(context);

    public void OnBranch(string name, RouteContext context) => Branch?.Invoke(name, context);

    public void OnReply(string name, RouteContext context) => Reply?.Invoke(name, context);

    public void OnFailure(string name, RouteContext context) => Failure?.Invoke(name, context);
}
