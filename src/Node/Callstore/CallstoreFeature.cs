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

    public async Task StartAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var options = context.Settings.Callstore;
        var log = context.LoggerFactory.CreateLogger<CallstoreFeature>();
        var cdrs = new CdrStore(DatabaseConnections.For(context.Settings.Persistence));
        // Now, and under the lock the journal's tables were created with: the first CDRs of two groups active on two
        // nodes would otherwise create the tables at the same moment, which PostgreSQL refuses for one of them.
        await using (await SchemaLock.AcquireAsync(context.Settings.Persistence, log, cancellationToken)) await cdrs.EnsureSchemaAsync();
        var statistics = new CallstoreStatistics();
        var runtime = CallstoreRuntime.Start(
            context.System,
            options,
            cdrs,
            statistics,
            AkkaConfig.CallstorePlugins,
            (name, props, role, removalMargin) => context.Singletons.Start(name, props, role, removalMargin: removalMargin));
        context.Statistics.Register(new StatisticsGroup("callstore", statistics.Snapshot, statistics.Reset));
        CallstoreMeters.Register(context.Meters, statistics);

        if (options.Groups.Count == 0)
            log.LogWarning("cluster-sip.callstore.instances has no enabled instance: call events are not stored");
        else
            log.LogInformation("callstore router at {Path}; groups {Groups}; hosted here: {Hosted}", CallstoreRouter.Path,
                string.Join(", ", options.Groups),
                runtime.Options.HostedHere.Count == 0 ? "none" : string.Join(", ", runtime.Options.HostedHere.Select(i => $"{i.Name} (group {i.Group}, order {i.Order})")));
    }
}
