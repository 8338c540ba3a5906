using Akka.Cluster;
using ClusterSip.Node.Hosting;

namespace ClusterSip.Node.Management;

/// <summary>/health/alive and /health/ready, the two routes that need no token.</summary>
public static class HealthEndpoints
{
    public const string Alive = "/health/alive";
    public const string Ready = "/health/ready";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet(Alive, (Cluster cluster) => Results.Ok(new AliveResponse("alive", cluster.SelfAddress.ToString())));

        routes.MapGet(Ready, (Cluster cluster, ListenerRegistry listeners) =>
        {
            var readiness = NodeReadiness.Of(cluster, listeners);
            var body = new ReadinessResponse(
                readiness.Ready,
                readiness.MemberStatus,
                readiness.Listeners.Select(l => new ListenerResponse(l.Name, l.Endpoint, l.Bound)).ToList());
            return Results.Json(body, statusCode: readiness.Ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
    }
}
