using Akka;
using Akka.Actor;
using ClusterSip.Dialogs;
using ClusterSip.Node.Hosting;
using ClusterSip.Node.Registrar;
using ClusterSip.Node.RouteEvents;
using ClusterSip.Sip.Stack.Proxy;
using ClusterSip.Sip.Stack.Resolution;
using ClusterSip.Sip.Stack.Routing;
using ClusterSip.Sip.Stack.Statistics;
using ClusterSip.Sip.Stack.Transactions;
using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Node.Sip;

/// <summary>
/// The SIP stack of a node: the transports bound to cluster-sip.sip.listen, feeding the transaction layer (the tm
/// module) that runs the configured route script. Listeners count for readiness; they close in the service-unbind
/// phase of CoordinatedShutdown, before the node leaves the cluster. Dialogs (src/Dialogs) hook into the proxy before
/// its request route and send each call event to <paramref name="callEventSink"/> (the callstore router), which
/// acknowledges them; without one the events go nowhere.
/// </summary>
/// <param name="callEventSink">The actor every dialog of the node sends its call events to; null = none.</param>
public sealed class SipFeature(Func<NodeContext, IActorRef>? callEventSink = null) : INodeFeature
{
    public string Name => "SIP transports and transaction layer";

    /// <summary>The node's dialogs once started; null before, and on a node with no SIP listener.</summary>
    public DialogNode? Dialogs { get; private set; }

    public async Task StartAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        if (settings.Sip.Listen.Count == 0)
        {
            context.LoggerFactory.CreateLogger<SipFeature>().LogWarning("cluster-sip.sip.listen is empty: this node serves no SIP");
            return;
        }

        var transport = new SipTransportLayer(context.Meters, context.LoggerFactory);
        var statistics = new TmStatistics(context.Meters);
        var dialogStatistics = new DialogStatistics(context.Meters);
        var resolver = new DnsTargetResolver(settings.Sip.Dns);
        var dialogs = Dialogs = DialogNode.Start(context.System, settings.Dialogs, callEventSink?.Invoke(context) ?? ActorRefs.Nobody, dialogStatistics,
            NodeRouteEvents.Of(context.System));
        var presence = new PresenceOnSip(context.System, settings.Presence);
        var environment = ScriptedProxy.Environment(
            context.System,
            transport,
            settings.Tm,
            settings.Routing,
            settings.Routing.Script == DtmfGuardRouteScript.Name
                ? new DtmfGuardRouteScript(RegistrarRouting.Script(context), NodeRouteEvents.Of(context.System), dialogs, settings.DtmfGuard)
                : RegistrarRouting.Script(context),
            resolver,
            statistics,
            loggerFactory: context.LoggerFactory,
            hooks: [presence.NotifyHook, presence.AgentHook, new DtmfEvents(NodeRouteEvents.Of(context.System)), dialogs.Hook]);
        var layer = TransactionLayer.Start(context.System, environment);
        dialogs.UseSender(new LocalRequestSender(layer, resolver));
        presence.Start(layer, resolver);

        foreach (var endpoint in settings.Sip.Listen)
        {
            context.Listeners.Register(ListenerName(endpoint.ToSipEndPoint()), endpoint.ToString());
        }

        await transport.StartAsync(settings.Sip.Transport, layer);
        context.BlockedSources.Use(transport.BlockedSources, transport.ClusterPeers);
        context.System.ActorOf(ClusterPeerWatcher.Props(transport.ClusterPeers), "sip-cluster-peers");
        foreach (var (configured, bound) in settings.Sip.Transport.Listen.Zip(transport.LocalEndPoints))
        {
            context.Listeners.MarkBound(ListenerName(configured), bound.ToString());
        }

        UdpReceiveBufferReport.Log(context.LoggerFactory.CreateLogger<SipFeature>(), settings.Sip.Transport.UdpReceiveBufferSize, transport.UdpReceiveBuffers);
        var overflowPolling = StartOverflowMonitor(context, transport);

        context.Statistics.Register(new StatisticsGroup("tm", () => TmStatisticNames.Of(statistics.Snapshot()), statistics.Reset));
        context.Statistics.Register(new StatisticsGroup("dialog", () => DialogStatisticNames.Of(dialogStatistics.Snapshot()), dialogStatistics.Reset));
        CoordinatedShutdown.Get(context.System).AddTask(CoordinatedShutdown.PhaseServiceUnbind, "sip-transports", async () =>
        {
            overflowPolling?.Cancel();
            await transport.DisposeAsync();
            return Done.Instance;
        });
    }

    /// <summary>Polls for UDP receive-buffer overflows while a UDP listener is bound; null when there is none or the counters cannot be read.</summary>
    private static ICancelable? StartOverflowMonitor(NodeContext context, SipTransportLayer transport)
    {
        if (transport.UdpReceiveBuffers.Count == 0)
            return null;

        var monitor = UdpOverflowMonitor.Create(UdpOverflowMonitor.ReadProcNetSnmp, context.LoggerFactory.CreateLogger<UdpOverflowMonitor>(), context.Meters);
        return monitor is null
            ? null
            : context.System.Scheduler.Advanced.ScheduleRepeatedlyCancelable(UdpOverflowMonitor.Interval, UdpOverflowMonitor.Interval, monitor.Poll);
    }

    private static string ListenerName(SipEndPoint endPoint) => $"sip-{endPoint}";
}
