using Akka.Actor;
using Akka.Cluster;
using ClusterSip.Registrar.Routing;
using ClusterSip.Sip.Stack.Routing;

namespace ClusterSip.Node.Registrar;

/// <summary>Puts the registrar in front of the node's route script when it is on (cluster-sip.registrar.domains not empty).</summary>
public static class RegistrarRouting
{
    public static IRouteScript Wrap(IRouteScript script, ActorSystem system) =>
        RegistrarServices.Of(system) is { } registrar
            ? new RegistrarRouteScript(script, registrar.Registrar, Cluster.Get(system).SelfAddress.ToString())
            : script;
}
