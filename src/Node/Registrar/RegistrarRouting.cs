using Akka.Cluster;
using ClusterSip.Node.Hosting;
using ClusterSip.Node.RouteEvents;
using ClusterSip.Node.Sip;
using ClusterSip.Registrar.Push;
using ClusterSip.Registrar.Routing;
using ClusterSip.Sip.Stack.Routing;

namespace ClusterSip.Node.Registrar;

/// <summary>
/// The node's route script: the configured one, with the registrar in front of it when the registrar is on
/// (cluster-sip.registrar.domains not empty), and the push wake-up script in front of both when
/// cluster-sip.routing.script names it. With a built-in script named there, the default script handles what neither takes.
/// </summary>
public static class RegistrarRouting
{
    public static IRouteScript Script(NodeContext context)
    {
        var routing = context.Settings.Routing;
        var pushWakeup = routing.Script == PushWakeupRouteScript.Name;
        var script = RouteScripts.Create(BuiltInScripts.IsBuiltIn(routing.Script) ? routing with { Script = "" } : routing);
        if (RegistrarServices.Of(context.System) is not { } registrar)
        {
            return script;
        }

        script = new RegistrarRouteScript(script, registrar.Registrar, Cluster.Get(context.System).SelfAddress.ToString());
        if (!pushWakeup)
        {
            return script;
        }

        var push = context.Settings.Push;
        var notifier = new PushNotifier(push, new HttpClient(), context.LoggerFactory.CreateLogger<PushNotifier>());
        return new PushWakeupRouteScript(script, registrar.Registrar, NodeRouteEvents.Of(context.System), notifier, push);
    }
}
