using Akka;
using Akka.Actor;
using ClusterSip.InteractionProxy;
using ClusterSip.InteractionProxy.Server;
using ClusterSip.Node.Hosting;

namespace ClusterSip.Node.InteractionProxy;

/// <summary>
/// The Interaction Proxy of a node: its session and client-cluster shard regions and its TCP listener
/// (cluster-sip.interaction-proxy, docs/iproxy-protocol.md), which counts for readiness and closes in the
/// service-unbind phase. It follows the callstore through the groups <paramref name="callstore"/> names and the
/// CallEventTopics.Accepted topic.
/// </summary>
public sealed class InteractionProxyFeature(Func<NodeContext, CallstoreGroups> callstore) : INodeFeature
{
    private const string ListenerName = "iproxy";

    public string Name => "Interaction Proxy";

    public async Task StartAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var settings = context.Settings.InteractionProxy.Proxy;
        var statistics = new ProxyStatistics(context.Meters);
        context.Listeners.Register(ListenerName, $"tcp:{settings.EndPoint}");
        var server = await ProxyServer.StartAsync(context.System, settings, callstore(context), statistics);
        context.Listeners.MarkBound(ListenerName, $"tcp:{server.EndPoint}");

        context.Statistics.Register(new StatisticsGroup("iproxy", statistics.Snapshot, statistics.ResetCounters));
        CoordinatedShutdown.Get(context.System).AddTask(CoordinatedShutdown.PhaseServiceUnbind, "iproxy-listener", async () =>
        {
            await server.UnbindAsync();
            return Done.Instance;
        });
    }
}
