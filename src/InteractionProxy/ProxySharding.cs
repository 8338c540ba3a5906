using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster.Sharding;
using ClusterSip.InteractionProxy.Clusters;
using ClusterSip.InteractionProxy.Sessions;

namespace ClusterSip.InteractionProxy;

/// <summary>The two sharded entity types of the proxy: sessions by SessionId, client clusters by ClusterId.</summary>
public static class ProxySharding
{
    public const string SessionTypeName = "iproxy-session";
    public const string ClusterTypeName = "iproxy-cluster";
    private const int Shards = 100;

    /// <summary>Starts both shard regions on this node; returns (sessions, clusters).</summary>
    public static async Task<(IActorRef Sessions, IActorRef Clusters)> StartAsync(
        ActorSystem system, ProxySettings settings, CallstoreGroups callstore, ProxyStatistics statistics)
    {
        var sharding = ClusterSharding.Get(system);
        var shardingSettings = ClusterShardingSettings.Create(system);
        var budget = new CacheBudget(settings.CacheMaxTotalEvents);
        var sessions = await sharding.StartAsync(
            SessionTypeName,
            id => SessionActor.Props(id, settings, statistics, budget),
            shardingSettings,
            new Extractor<ISessionMessage>(m => m.SessionId),
            new NoRebalance(),
            PoisonPill.Instance);
        var clusters = await sharding.StartAsync(
            ClusterTypeName,
            id => ClientClusterActor.Props(id, settings, callstore),
            shardingSettings,
            new Extractor<IClientClusterMessage>(m => m.ClusterId),
            new NoRebalance(),
            PoisonPill.Instance);
        return (sessions, clusters);
    }

    private sealed class Extractor<T>(Func<T, string> idOf) : HashCodeMessageExtractor(Shards) where T : class
    {
        public override string? EntityId(object message) => message is T typed ? idOf(typed) : null;
    }

    /// <summary>
    /// Shards go to the node with the fewest (the asking node on a tie, so a session starts where its client
    /// connected) and never move while their node is up: the entities keep their state (session caches,
    /// assignments) in memory, and a rebalance would restart them empty.
    /// </summary>
    private sealed class NoRebalance : IShardAllocationStrategy
    {
        public Task<IActorRef> AllocateShard(IActorRef requester, string shardId, IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations)
        {
            if (currentShardAllocations.Count == 0) return Task.FromResult(requester);
            var fewest = currentShardAllocations.Values.Min(shards => shards.Count);
            var chosen = currentShardAllocations.TryGetValue(requester, out var own) && own.Count == fewest
                ? requester
                : currentShardAllocations.First(r => r.Value.Count == fewest).Key;
            return Task.FromResult(chosen);
        }

        public Task<IImmutableSet<string>> Rebalance(IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations, IImmutableSet<string> rebalanceInProgress) =>
            Task.FromResult<IImmutableSet<string>>(ImmutableHashSet<string>.Empty);
    }
}
