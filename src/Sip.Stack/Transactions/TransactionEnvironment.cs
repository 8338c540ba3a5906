using ClusterSip.Sip.Stack.Proxy;
using ClusterSip.Sip.Stack.Routing;
using ClusterSip.Sip.Stack.Statistics;
using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>What every transaction actor of a node shares: transport, settings, the route script, resolver and statistics.</summary>
public sealed record TransactionEnvironment(
    ISipTransport Transport,
    TmSettings Settings,
    RoutingSettings Routing,
    IRouteScript Script,
    ITargetResolver Resolver,
    TmStatistics Statistics)
{
    /// <summary>Where the node's transactions are found by their keys.</summary>
    public TransactionIndex Index { get; } = new();

    /// <summary>The parsed tw_append parameter.</summary>
    public TwAppendSpec TwAppend { get; } = TwAppendSpec.Parse(Settings.TwAppend);
}
