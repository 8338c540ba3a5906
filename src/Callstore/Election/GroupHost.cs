using Akka.Actor;
using Akka.Event;
using Akka.Pattern;
using ClusterSip.Callstore.Store;

namespace ClusterSip.Callstore.Election;

/// <summary>
/// The passive side of a group on one host: answers its coordinator's probes with the instance it runs, and starts
/// or drains and stops the group's store when the coordinator says so. The store runs under a backoff supervisor,
/// so a failed journal write restarts it from the journal.
/// </summary>
public sealed class GroupHost : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly GroupStoreSettings _settings;
    private IActorRef? _store;
    private IActorRef? _stopRequester;
    private bool _groupWasActive;

    public GroupHost(GroupStoreSettings settings)
    {
        _settings = settings;
        var group = settings.Instance.Group;

        Receive<Probe>(probe =>
        {
            _groupWasActive |= probe.GroupWasActive;
            Sender.Tell(new HostStatus(group, settings.Instance.Name, settings.Instance.Order, _store, _groupWasActive));
        });
        Receive<StartActive>(_ =>
        {
            if (_store is null)
            {
                _log.Info("callstore group {0}: instance {1} (order {2}) becomes active", group, settings.Instance.Name, settings.Instance.Order);
                _store = Context.ActorOf(
                    BackoffSupervisor.Props(GroupStore.Props(settings), "store", TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), 0.2),
                    "store");
                Context.Watch(_store);
            }
            Sender.Tell(new Activated(group, _store));
        });
        Receive<StopActive>(_ =>
        {
            if (_store is null)
            {
                Sender.Tell(new Deactivated(group));
                return;
            }
            _stopRequester = Sender;
            _store.Tell(Drain.Instance);
        });
        Receive<Drained>(_ => Context.Stop(_store!));
        Receive<Terminated>(t => t.ActorRef.Equals(_store), _ =>
        {
            _log.Info("callstore group {0}: instance {1} is passive", group, settings.Instance.Name);
            _store = null;
            _stopRequester?.Tell(new Deactivated(group));
            _stopRequester = null;
        });
    }

    public static Props Props(GroupStoreSettings settings) => Akka.Actor.Props.Create(() => new GroupHost(settings));

    /// <summary>The host actor's name under /user on every node that hosts the group.</summary>
    public static string NameOf(int group) => $"callstore-host-{group}";
}
