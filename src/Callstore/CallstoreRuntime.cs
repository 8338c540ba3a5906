using Akka.Actor;
using Akka.Cluster.Tools.Singleton;
using Akka.Persistence;
using ClusterSip.Callstore.Cdr;
using ClusterSip.Callstore.Configuration;
using ClusterSip.Callstore.Domains;
using ClusterSip.Callstore.Election;
using ClusterSip.Callstore.Routing;
using ClusterSip.Callstore.Store;

namespace ClusterSip.Callstore;

/// <summary>
/// Starts a singleton: its manager named <c>name</c> on the members with <c>role</c>, returning a proxy to it. The manager
/// starts the singleton <paramref name="removalMargin"/> after the previous oldest member was removed.
/// </summary>
public delegate IActorRef SingletonStarter(string name, Props singleton, string role, TimeSpan removalMargin);

/// <summary>
/// The callstore of one node, registered as an ActorSystem extension so the management API finds it
/// (<c>system.GetExtension&lt;CallstoreRuntime&gt;()</c>): the router, a singleton proxy per group, the domain tree,
/// the CDR tables and the statistics.
/// </summary>
public sealed class CallstoreRuntime : IExtension
{
    private CallstoreRuntime(CallstoreOptions options, DomainTree tree, IActorRef router, IReadOnlyDictionary<int, IActorRef> groups, CdrStore cdrs, CallstoreStatistics statistics)
    {
        Options = options;
        Tree = tree;
        Router = router;
        Groups = groups;
        Cdrs = cdrs;
        Statistics = statistics;
    }

    public CallstoreOptions Options { get; }

    public DomainTree Tree { get; }

    /// <summary>The node-local router at <see cref="CallstoreRouter.Path"/>.</summary>
    public IActorRef Router { get; }

    /// <summary>Each enabled group's singleton proxy: reaches the group's coordinator, which forwards to its active store.</summary>
    public IReadOnlyDictionary<int, IActorRef> Groups { get; }

    public CdrStore Cdrs { get; }

    public CallstoreStatistics Statistics { get; }

    /// <summary>The name of a group's singleton manager under /user; its proxy is this name plus "-proxy".</summary>
    public static string SingletonNameOf(int group) => $"callstore-{group}";

    /// <summary>
    /// Starts the hosts of the groups this node hosts, every group's singleton (manager on the hosts, proxy everywhere)
    /// and the router, and registers the runtime as an extension of <paramref name="system"/>.
    /// </summary>
    /// <param name="plugins">The journal and snapshot store of the groups' stores.</param>
    public static CallstoreRuntime Start(ActorSystem system, CallstoreOptions options, CdrStore cdrs, CallstoreStatistics statistics, StorePlugins plugins, SingletonStarter startSingleton)
    {
        var hosted = options.HostedHere.ToDictionary(i => i.Group);
        if (hosted.Count > 0) StartPlugins(system, plugins);
        var groups = new Dictionary<int, IActorRef>();
        foreach (var group in options.Groups)
        {
            var name = SingletonNameOf(group);
            var role = CallstoreOptions.RoleOf(group);
            if (hosted.TryGetValue(group, out var instance))
            {
                var settings = new GroupStoreSettings(instance, options.DeadDialogAfter, options.SnapshotEvery, options.JournalPace, cdrs, statistics, CallstoreRouter.Path, plugins);
                system.ActorOf(GroupHost.Props(settings), GroupHost.NameOf(group));
                groups[group] = startSingleton(name, GroupCoordinator.Props(group, options.LowestOrderOf(group), options.FirstElectionWait), role, GroupCoordinator.RemovalMargin);
            }
            else
            {
                groups[group] = system.ActorOf(
                    ClusterSingletonProxy.Props($"/user/{name}", ClusterSingletonProxySettings.Create(system).WithRole(role)),
                    $"{name}-proxy");
            }
        }

        var tree = DomainTree.Of(options.Enabled);
        var router = system.ActorOf(CallstoreRouter.Props(tree, groups), CallstoreRouter.Name);
        var runtime = new CallstoreRuntime(options, tree, router, groups, cdrs, statistics);
        system.RegisterExtension(new Extension(runtime));
        return runtime;
    }

    /// <summary>
    /// Starts the stores' journal and snapshot store now (a plugin initializes when first used: its connections, and its
    /// tables when it is configured to create them), so that a host taking over a group does not wait for them first.
    /// </summary>
    private static void StartPlugins(ActorSystem system, StorePlugins plugins)
    {
        var persistence = Persistence.Instance.Apply(system);
        persistence.JournalFor(plugins.Journal);
        persistence.SnapshotStoreFor(plugins.SnapshotStore);
    }

    private sealed class Extension(CallstoreRuntime runtime) : ExtensionIdProvider<CallstoreRuntime>
    {
        public override CallstoreRuntime CreateExtension(ExtendedActorSystem system) => runtime;
    }
}
