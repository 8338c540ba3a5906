namespace ClusterSip.Node.Management;

/// <param name="Until">When the block lifts (UTC).</param>
public sealed record BlockedSourceResponse(string Address, DateTimeOffset Until);

public sealed record BlockedSourcesResponse(IReadOnlyList<BlockedSourceResponse> Blocked);
