using ClusterSip.Node.Hosting;

namespace ClusterSip.Node.Management;

/// <summary>
/// GET /security/blocked: the source addresses this node's pike (cluster-sip.sip.pike) blocks now, and until when; and
/// the cluster peers it exempts.
/// </summary>
public static class SecurityEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/security/blocked", (BlockedSourcesRegistry registry) =>
            Results.Ok(new BlockedSourcesResponse(
                registry.Current().Select(b => new BlockedSourceResponse(b.Address.ToString(), b.Until)).ToList(),
                registry.ClusterPeers().Select(a => a.ToString()).Order(StringComparer.Ordinal).ToList())));
}
