using ClusterSip.Dialogs;
using ClusterSip.Sip.Stack.Routing;
using ClusterSip.Sip.Uris;

namespace ClusterSip.EndToEnd.Tests;

/// <summary>
/// A route script for a node that does not track every call (cluster-sip.dialogs.enabled = off): calls to user
/// "service" are tracked (dlg_manage) and tagged with user data queue=sales; every call then follows the default
/// static script.
/// </summary>
public sealed class DialogControlScript(RoutingSettings settings) : IRouteScript
{
    private readonly StaticRouteScript _static = new(settings);

    public void OnRequest(RouteContext context)
    {
        if ((context.Request.RequestUri as SipUri)?.User == "service" && context.Dialog() is { } dialog)
        {
            dialog.SetUserData("queue", "sales");
        }

        _static.OnRequest(context);
    }

    public void OnReply(string name, RouteContext context) => _static.OnReply(name, context);

    public void OnFailure(string name, RouteContext context) => _static.OnFailure(name, context);
}
