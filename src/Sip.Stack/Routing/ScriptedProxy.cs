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
    /// <paramref name="script"/>'s routes, with <paramref name="hooks"/> before every request route; faults that no caller
    /// can be answered for are logged to <paramref name="loggerFactory"/>, rate-limited.
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
        ILoggerFactory? loggerFactory = null,
        IReadOnlyList<IRequestHook>? hooks = null)
    {
        var faults = new RateLimitedLog((loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("ClusterSip.Sip.Stack"));
        var routes = new ScriptRouting(script, routing, TwAppendSpec.Parse(tm.TwAppend), hooks ?? []);
        var proxy = new StatefulProxy(routes, transport, tm, resolver, faults, Logging.GetLogger(system, typeof(StatefulProxy)));
        return new TransactionEnvironment(transport, tm, statistics, proxy, faults);
    }
}
