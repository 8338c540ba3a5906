using ClusterSip.Sip.Stack.Routing;
using ClusterSip.Sip.Uris;

namespace ClusterSip.EndToEnd.Tests;

/// <summary>
/// A custom route script, as an operator writes one and names in cluster-sip.routing.script: calls to
/// user "busy" go to the first destination of busy.test and, when that one answers 486, to the next (serial forking in a
/// failure route); calls to user "fork" ring every destination of fork.test at once (parallel forking); calls to user
/// "spiral" come back to this node as user "spiralled", which goes to the first destination of spiral.test. Anything else
/// follows the default static script.
/// </summary>
public sealed class TestScript(RoutingSettings settings) : IRouteScript
{
    private const string OnBusy = "on-busy";

    private readonly StaticRouteScript _static = new(settings);

    public void OnRequest(RouteContext context)
    {
        var user = (context.Request.RequestUri as SipUri)?.User;
        if (context.Request.To?.Tag is null && user == "busy")
        {
            context.RecordRoute();
            context.TOnFailure(OnBusy);
            context.TRelay(settings.DestinationsFor("busy.test")[0]);
        }
        else if (context.Request.To?.Tag is null && user == "fork")
        {
            // The first destination replaces the Request-URI ($ru), which names this node: left as a branch, it would spiral back here.
            var destinations = settings.DestinationsFor("fork.test");
            context.RecordRoute();
            context.SetUri(destinations[0].ToString());
            foreach (var destination in destinations.Skip(1))
            {
                context.AppendBranch(destination.ToString());
            }

            context.TRelay();
        }
        else if (context.Request.To?.Tag is null && user == "spiral" && context.Request.RequestUri is SipUri toThisNode)
        {
            // Back to this node under another user: a spiral (RFC 3261 16.3 step 4), routed below on its second pass.
            context.RecordRoute();
            context.SetUri(toThisNode.WithUser("spiralled").ToString());
            context.TRelay();
        }
        else if (context.Request.To?.Tag is null && user == "spiralled")
        {
            context.RecordRoute();
            context.TRelay(settings.DestinationsFor("spiral.test")[0]);
        }
        else
        {
            _static.OnRequest(context);
        }
    }

    public void OnReply(string name, RouteContext context) => _static.OnReply(name, context);

    public void OnFailure(string name, RouteContext context)
    {
        if (name == OnBusy && context.TCheckStatus("486"))
        {
            context.TRelay(settings.DestinationsFor("busy.test")[1]);
            return;
        }

        _static.OnFailure(name, context);
    }
}
