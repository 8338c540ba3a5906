using Akka.Cluster;
using ClusterSip.Node.Hosting;
using Prometheus;

namespace ClusterSip.Node.Management;

/// <summary>
/// Cluster gauges exported on GET /metrics, read from the node's cluster view at each scrape.
/// Later features create their own metrics through <see cref="NodeContext.Metrics"/>.
/// </summary>
public static class ClusterMetrics
{
    public static void Register(CollectorRegistry registry, Cluster cluster, ListenerRegistry listeners)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        var members = factory.CreateGauge("cluster_sip_cluster_members", "Cluster members as this node sees them, by member status.", "status");
        var unreachable = factory.CreateGauge("cluster_sip_cluster_unreachable_members", "Cluster members this node sees as unreachable.");
        var ready = factory.CreateGauge("cluster_sip_node_ready", "1 when this node is Up and all its listeners are bound, else 0.");

        registry.AddBeforeCollectCallback(() =>
        {
            var state = cluster.State;
            foreach (var status in Enum.GetValues<MemberStatus>())
                members.WithLabels(StatusLabel(status)).Set(state.Members.Count(m => m.Status == status));
            unreachable.Set(state.Unreachable.Count);
            ready.Set(NodeReadiness.Of(cluster, listeners).Ready ? 1 : 0);
        });
    }

    private static string StatusLabel(MemberStatus status) =>
        string.Concat(status.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
