using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using ClusterSip.InteractionProxy.Sessions;

namespace ClusterSip.InteractionProxy;

/// <summary>Finds every session of the cluster: the entities each member's session region hosts, each asked for its state.</summary>
public static class SessionDirectory
{
    /// <summary>Whether this node runs the proxy's shard regions.</summary>
    public static bool IsRunning(ActorSystem system) => ClusterSharding.Get(system).ShardTypeNames.Contains(ProxySharding.SessionTypeName);

    public static async Task<IReadOnlyList<SessionInfo>> ListAsync(ActorSystem system, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var members = Cluster.Get(system).State.Members.Where(m => m.Status == MemberStatus.Up).Select(m => m.Address);
        var regions = await Task.WhenAll(members.Select(address =>
            system.ActorSelection($"{address}/system/sharding/{ProxySharding.SessionTypeName}")
                .Ask<CurrentShardRegionState>(GetShardRegionState.Instance, timeout, cancellationToken)));
        var ids = regions.SelectMany(r => r.Shards).SelectMany(s => s.EntityIds).Distinct().Order(StringComparer.Ordinal);

        var sessions = ClusterSharding.Get(system).ShardRegion(ProxySharding.SessionTypeName);
        var infos = await Task.WhenAll(ids.Select(id => sessions.Ask<SessionInfo>(new GetSessionInfo(id), timeout, cancellationToken)));
        // An entity that was stopping when asked starts again empty and answers without a registration.
        return infos.Where(i => i.ClusterId is not null).ToList();
    }
}
