namespace ClusterSip.Node.Management;

/// <param name="Until">When the block lifts (UTC).</param>
public sealed record BlockedSourceResponse(string Address, DateTimeOffset Until);

/// <param name="ClusterPeers">The other cluster members' addresses, which the pike never limits.</param>
public sealed record BlockedSourcesResponse(IReadOnlyList<BlockedSourceResponse> Blocked, IReadOnlyList<string> ClusterPeers);
