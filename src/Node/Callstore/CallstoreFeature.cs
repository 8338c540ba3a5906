using ClusterSip.Callstore;
using ClusterSip.Callstore.Cdr;
using ClusterSip.Callstore.Routing;
using ClusterSip.Node.Configuration;
using ClusterSip.Node.Hosting;
using ClusterSip.Node.Persistence;

namespace ClusterSip.Node.Callstore;

/// <summary>
/// The callstore on this node (docs/callstore.md): the router at /user/callstore-router that dialogs send their call
/// events to, a singleton per enabled group (its manager on the nodes hosting the group's instances, a proxy on every
/// node), the hosts of this node's instances, and the statistics group "callstore".
/// </summary>
public sealed class CallstoreFeature : INodeFeature
{
    public string Name => "callstore";

    public Task StartAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var options = context.Settings.Callstore;
        var statistics = new CallstoreStatistics();
        var runtime = CallstoreRuntime.Start(
            context.System,
            options,
            new CdrStore(DatabaseConnections.For(context.Settings.Persistence)),
            statistics,
            AkkaConfig.CallstorePlugins,
            (name, props, role, removalMargin) => context.Singletons.Start(name, props, role, removalMargin: removalMargin));
        context.Statistics.Register(new StatisticsGroup("callstore", statistics.Snapshot, statistics.Reset));
        CallstoreMeters.Register(context.Meters, statistics);

        var log = context.LoggerFactory.CreateLogger<CallstoreFeature>();
        if (options.Groups.Count == 0)
            log.LogWarning("cluster-sip.callstore.instances has no enabled instance: call events are not stored");
        else
            log.LogInformation("callstore router at {Path}; groups {Groups}; hosted here: {Hosted}", CallstoreRouter.Path,
                string.Join(", ", options.Groups),
                runtime.Options.HostedHere.Count == 0 ? "none" : string.Join(", ", runtime.Options.HostedHere.Select(i => $"{i.Name} (group {i.Group}, order {i.Order})")));
        return Task.CompletedTask;
    }
}
