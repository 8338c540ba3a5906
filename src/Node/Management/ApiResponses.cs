namespace ClusterSip.Node.Management;

/// <summary>A member as the API shows it.</summary>
/// <param name="Node">Full address, akka.tcp://system@host:port.</param>
/// <param name="UpNumber">Order in which members became Up (lower is older); null while not yet Up.</param>
/// <param name="Reachable">Whether the node answering sees it as reachable.</param>
public sealed record MemberResponse(string Node, string NodeUid, string Status, IReadOnlyList<string> Roles, int? UpNumber, bool Reachable);

/// <param name="SelfNode">The node that answered.</param>
/// <param name="Oldest">The oldest Up member: where singletons without a role run.</param>
/// <param name="OldestPerRole">The oldest Up member of each role.</param>
public sealed record MembersResponse(
    string SelfNode,
    string? Leader,
    string? Oldest,
    IReadOnlyDictionary<string, string> OldestPerRole,
    IReadOnlyList<MemberResponse> Members,
    IReadOnlyList<MemberResponse> Unreachable);

public sealed record ShardResponse(string ShardId, int EntityCount);

public sealed record RegionResponse(string Node, int EntityCount, IReadOnlyList<ShardResponse> Shards, IReadOnlyList<string> FailedShards);

public sealed record ShardsResponse(string TypeName, int EntityCount, IReadOnlyList<RegionResponse> Regions);

/// <param name="RunsOn">The oldest Up member that has the role: where the singleton runs; null when no member qualifies.</param>
public sealed record SingletonResponse(string Name, string? Role, string ManagerPath, string? RunsOn);

public sealed record SingletonsResponse(IReadOnlyList<SingletonResponse> Singletons);

public sealed record ListenerResponse(string Name, string Endpoint, bool Bound);

public sealed record ReadinessResponse(bool Ready, string MemberStatus, IReadOnlyList<ListenerResponse> Listeners);

public sealed record AliveResponse(string Status, string SelfNode);

public sealed record MessageResponse(string Message);

public sealed record ErrorResponse(string Error);

public sealed record StatisticsResponse(string Group, IReadOnlyDictionary<string, long> Statistics);
