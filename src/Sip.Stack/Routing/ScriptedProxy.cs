using Akka.Actor;
using Akka.Event;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Stack.Proxy;
using ClusterSip.Sip.Stack.Resolution;
using ClusterSip.Sip.Stack.Statistics;
using ClusterSip.Sip.Stack.Transactions;
using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Sip.Stack.Routing;

/// <summary>Wires the layers of a node's SIP stack: transactions whose user is the stateful proxy, routed by a script.</summary>
public static class ScriptedProxy
{
    /// <summary>
    /// The environment for <see cref="TransactionLayer.Start"/>: the proxy core above each server transaction, running
    /// <paramref name="script"/>'s routes, with <paramref name="hooks"/> before every request route.
    /// <paramref name="recordRouteParameters"/> go into every Record-Route of this node (after <c>lr</c>), e.g. a node
    /// identity by which a dialog module recognises its own Route in later requests (<see cref="RouteContext.OwnRoute"/>).
    /// </summary>
    /// <exception cref="Akka.Configuration.ConfigurationException"><see cref="TmSettings.TwAppend"/> is malformed.</exception>
    public static TransactionEnvironment Environment(
        ActorSystem system,
        ISipTransport transport,
        TmSettings tm,
        RoutingSettings routing,
        IRouteScript script,
        ITargetResolver resolver,
        TmStatistics statistics,
        IReadOnlyList<IRequestHook>? hooks = null,
        IReadOnlyList<SipParameter>? recordRouteParameters = null)
    {
        var routes = new ScriptRouting(script, routing, TwAppendSpec.Parse(tm.TwAppend), hooks ?? []);
        var proxy = new StatefulProxy(routes, transport, tm, resolver, Logging.GetLogger(system, typeof(StatefulProxy)))
        {
            RecordRouteParameters = recordRouteParameters ?? [],
        };
        return new TransactionEnvironment(transport, tm, statistics, proxy);
    }
}
