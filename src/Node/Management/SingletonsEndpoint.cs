using Akka.Cluster;
using ClusterSip.Node.Hosting;

namespace ClusterSip.Node.Management;

/// <summary>GET /cluster/singletons: each singleton started through the <see cref="SingletonRegistry"/> and the member it runs on.</summary>
public static class SingletonsEndpoint
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/cluster/singletons", (SingletonRegistry registry, Cluster cluster) =>
            Results.Ok(new SingletonsResponse(registry.Singletons
                .Select(s => new SingletonResponse(s.Name, s.Role, s.ManagerPath, ClusterView.OldestUp(cluster.State.Members, s.Role)?.Address.ToString()))
                .ToList())));
    }
}
