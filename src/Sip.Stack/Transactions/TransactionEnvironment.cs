using ClusterSip.Sip.Stack.Statistics;
using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>What every transaction actor of a node shares: transport, settings, statistics and the layer above (<see cref="ITransactionUser"/>).</summary>
/// <param name="Faults">Where faults that no caller can be answered for are logged, rate-limited.</param>
public sealed record TransactionEnvironment(
    ISipTransport Transport,
    TmSettings Settings,
    TmStatistics Statistics,
    ITransactionUser User,
    RateLimitedLog Faults)
{
    /// <summary>Where the node's transactions are found by their keys.</summary>
    public TransactionIndex Index { get; } = new();
}
