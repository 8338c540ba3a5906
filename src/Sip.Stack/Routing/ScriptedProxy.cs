using Akka.Actor;
using Akka.Event;
using ClusterSip.Sip.Stack.Proxy;
using ClusterSip.Sip.Stack.Resolution;
using ClusterSip.Sip.Stack.Statistics;
using ClusterSip.Sip.Stack.Transactions;
using ClusterSip.Sip.Stack.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClusterSip.Sip.Stack.Routing;

/// <summary>Wires the layers of a node's SIP stack: transactions whose user is the stateful proxy, routed by a script.</summary>
public static class ScriptedProxy
{
    /// <summary>
    /// The environment for <see cref="TransactionLayer.Start"/>: the proxy core above each server transaction, running
    /// <paramref name="script"/>'s routes, with <paramref name="hooks"/> before every request route. Faults that no
    /// caller can be told of (a stateless relay that fails, a failed t_write_*) go to <paramref name="loggerFactory"/>,
    /// rate-limited.
    /// </summary>
    /// <exception cref="FormatException"><see cref="TmSettings.TwAppend"/> is malformed.</exception>
    public static TransactionEnvironment Environment(
        ActorSystem system,
        ISipTransport transport,
        TmSettings tm,
        RoutingSettings routing,
        IRouteScript script,
        ITargetResolver resolver,
        TmStatistics statistics,
        IReadOnlyList<IRequestHook>? hooks = null,
        ILoggerFactory? loggerFactory = null)
    {
        var faults = new RateLimitedLog((loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("ClusterSip.Sip.Stack.Proxy"));
        var routes = new ScriptRouting(script, routing, TwAppendSpec.Parse(tm.TwAppend), hooks ?? [], faults);
        var proxy = new StatefulProxy(routes, transport, tm, resolver, Logging.GetLogger(system, typeof(StatefulProxy)), faults);
        return new TransactionEnvironment(transport, tm, statistics, proxy);
    }
}
