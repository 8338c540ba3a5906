using ClusterSip.Dialogs;
using ClusterSip.Sip.Stack.Routing;

namespace ClusterSip.EndToEnd.Tests;

/// <summary>Tags every tracked call with two user data keys, queue=sales and vip=yes, then follows the default static script.</summary>
public sealed class UserDataScript(RoutingSettings settings) : IRouteScript
{
    private readonly StaticRouteScript _static = new(settings);

    public void OnRequest(RouteContext context)
    {
        if (context.Dialog() is { } dialog)
        {
            dialog.SetUserData("queue", "sales");
            dialog.SetUserData("vip", "yes");
        }

        _static.OnRequest(context);
    }

    public void OnReply(string name, RouteContext context) => _static.OnReply(name, context);

    public void OnFailure(string name, RouteContext context) => _static.OnFailure(name, context);
}
