using ClusterSip.Sip.Stack.Proxy;
using ClusterSip.Sip.Stack.Routing;
using ClusterSip.Sip.Stack.Statistics;
using ClusterSip.Sip.Stack.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>What every transaction actor of a node shares: transport, settings, the route script, resolver and statistics.</summary>
/// <param name="LoggerFactory">Where faults that nothing can answer are logged (rate-limited); none: not logged.</param>
public sealed record TransactionEnvironment(
    ISipTransport Transport,
    TmSettings Settings,
    RoutingSettings Routing,
    IRouteScript Script,
    ITargetResolver Resolver,
    TmStatistics Statistics,
    ILoggerFactory? LoggerFactory = null)
{
    /// <summary>Faults of stateless forwarding and t_write_* that have no caller to answer.</summary>
    public RateLimitedLog Faults { get; } =
        new((LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("ClusterSip.Sip.Stack.Transactions"));

    /// <summary>Where the node's transactions are found by their keys.</summary>
    public TransactionIndex Index { get; } = new();

    /// <summary>The parsed tw_append parameter.</summary>
    public TwAppendSpec TwAppend { get; } = TwAppendSpec.Parse(Settings.TwAppend);
}
