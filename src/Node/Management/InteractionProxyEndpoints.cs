using Akka.Actor;
using Akka.Cluster.Sharding;
using ClusterSip.InteractionProxy;
using ClusterSip.InteractionProxy.Clusters;
using ClusterSip.Node.Settings;

namespace ClusterSip.Node.Management;

/// <summary>
/// GET /iproxy/sessions: every Interaction Proxy session of the cluster; GET /iproxy/clusters/{clusterId}: a client
/// cluster's nodes and their interaction counts. The statistics are the "iproxy" group of /statistics.
/// </summary>
public static class InteractionProxyEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, ManagementSettings settings)
    {
        routes.MapGet("/iproxy/sessions", async (ActorSystem system, CancellationToken cancellationToken) =>
        {
            if (!SessionDirectory.IsRunning(system)) return NotRunning();
            try
            {
                return Results.Ok(await SessionDirectory.ListAsync(system, settings.AskTimeout, cancellationToken));
            }
            catch (AskTimeoutException e)
            {
                return Results.Json(new ErrorResponse($"a session region did not answer within {settings.AskTimeout.TotalSeconds} s: {e.Message}"), statusCode: 503);
            }
        });

        routes.MapGet("/iproxy/clusters/{clusterId}", async (string clusterId, ActorSystem system, CancellationToken cancellationToken) =>
        {
            if (!SessionDirectory.IsRunning(system)) return NotRunning();
            var clusters = ClusterSharding.Get(system).ShardRegion(ProxySharding.ClusterTypeName);
            try
            {
                var info = await clusters.Ask<ClientClusterInfo>(new GetClientClusterInfo(clusterId), settings.AskTimeout, cancellationToken);
                return info.Nodes.Count == 0
                    ? Results.NotFound(new ErrorResponse($"no client node is registered with ClusterId '{clusterId}'"))
                    : Results.Ok(info);
            }
            catch (AskTimeoutException e)
            {
                return Results.Json(new ErrorResponse($"client cluster '{clusterId}' did not answer within {settings.AskTimeout.TotalSeconds} s: {e.Message}"), statusCode: 503);
            }
        });
    }

    private static IResult NotRunning() =>
        Results.NotFound(new ErrorResponse("the Interaction Proxy does not run on this node"));
}
