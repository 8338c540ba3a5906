using ClusterSip.Node.Settings;
using Prometheus;

namespace ClusterSip.Node.Management;

/// <summary>The management HTTP API: cluster members, shards, singletons, health and metrics (docs/management-api.md).</summary>
public static class ManagementApi
{
    public static void Map(WebApplication app, ManagementSettings settings, PresenceSettings presence, CollectorRegistry metrics)
    {
        if (settings.Token is not null) app.UseMiddleware<BearerTokenMiddleware>(settings.Token);

        HealthEndpoints.Map(app);
        ClusterMembersEndpoints.Map(app);
        ShardsEndpoint.Map(app, settings);
        SingletonsEndpoint.Map(app);
        StatisticsEndpoints.Map(app);
        SecurityEndpoints.Map(app);
        LocationEndpoints.Map(app);
        PresenceEndpoints.Map(app, settings, presence);
        DialogEndpoints.Map(app, settings);
        CallstoreEndpoints.Map(app, settings);
        InteractionProxyEndpoints.Map(app, settings);
        app.MapMetrics("/metrics", metrics);
    }
}
