using ClusterSip.Sip.Stack.Statistics;
using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>What every transaction actor of a node shares: transport, settings, statistics and the layer above (<see cref="ITransactionUser"/>).</summary>
public sealed record TransactionEnvironment(
    ISipTransport Transport,
    TmSettings Settings,
    TmStatistics Statistics,
    ITransactionUser User)
{
    /// <summary>Where the node's transactions are found by their keys.</summary>
    public TransactionIndex Index { get; } = new();
}
