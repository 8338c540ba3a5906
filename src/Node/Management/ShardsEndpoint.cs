using Akka.Actor;
using Akka.Cluster.Sharding;
using ClusterSip.Node.Settings;

namespace ClusterSip.Node.Management;

/// <summary>GET /cluster/shards/{typeName}: the regions of a sharded entity type and their entity counts, across the cluster.</summary>
public static class ShardsEndpoint
{
    public static void Map(IEndpointRouteBuilder routes, ManagementSettings settings)
    {
        routes.MapGet("/cluster/shards/{typeName}", async (string typeName, ActorSystem system, CancellationToken cancellationToken) =>
        {
            var sharding = ClusterSharding.Get(system);
            if (!sharding.ShardTypeNames.Contains(typeName))
            {
                var started = sharding.ShardTypeNames.Order(StringComparer.Ordinal).ToList();
                return Results.NotFound(new ErrorResponse(
                    $"shard type '{typeName}' is not started on this node (started: {(started.Count == 0 ? "none" : string.Join(", ", started))})"));
            }

            var stats = await sharding.ShardRegion(typeName).Ask<ClusterShardingStats>(
                new GetClusterShardingStats(settings.AskTimeout), settings.AskTimeout + TimeSpan.FromSeconds(1), cancellationToken);
            var regions = stats.Regions
                .OrderBy(r => r.Key.ToString(), StringComparer.Ordinal)
                .Select(r => new RegionResponse(
                    r.Key.ToString(),
                    r.Value.Stats.Values.Sum(),
                    r.Value.Stats.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new ShardResponse(s.Key, s.Value)).ToList(),
                    r.Value.Failed.Order(StringComparer.Ordinal).ToList()))
                .ToList();
            return Results.Ok(new ShardsResponse(typeName, regions.Sum(r => r.EntityCount), regions));
        });
    }
}
