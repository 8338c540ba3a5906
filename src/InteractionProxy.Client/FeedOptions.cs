namespace ClusterSip.InteractionProxy.Client;

/// <summary>What a <see cref="ProxyFeed"/> connects to and how often it retries.</summary>
/// <param name="Addresses">The nodes' proxy addresses, tried in turn: after a lost connection, the next one.</param>
/// <param name="Registration">The session; its SequenceId (if any) is where the first connection resumes.</param>
public sealed record FeedOptions(IReadOnlyList<ProxyAddress> Addresses, ProxyRegistration Registration)
{
    /// <summary>The wait before a reconnect; it doubles with each failed attempt, up to <see cref="MaxRetry"/>.</summary>
    public TimeSpan FirstRetry { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxRetry { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A longer line from the server is skipped and reported as a <see cref="FeedBadLine"/>.</summary>
    public int MaxLineBytes { get; init; } = ProxyConnection.DefaultMaxLineBytes;
}
