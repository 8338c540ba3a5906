using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using ClusterSip.Callstore.Configuration;
using ClusterSip.Callstore.Store;

namespace ClusterSip.Callstore.Election;

/// <summary>
/// The cluster singleton of a callstore group (it runs on the oldest host of the group's role). It decides which
/// host runs the group's store: the reachable Up host with the lowest order when none is active, and it keeps that
/// one while it stays (no flapping when a lower order returns). It moves the store only after the active host has
/// drained and stopped it, or has been removed from the cluster plus the down-removal margin, and only once every
/// host of the group is reachable and has answered, so two stores of a group never run at once. It forwards the
/// group's messages (call events, snapshot requests) to the active store, holding them while there is none.
/// </summary>
public sealed class GroupCoordinator : ReceiveActor, IWithTimers
{
    /// <summary>Messages held while no store is active; beyond this the oldest are dropped (dialogs send theirs again).</summary>
    public const int MaxHeldMessages = 10_000;

    /// <summary>
    /// The singleton manager's own wait after the previous coordinator's node is removed: next to nothing, because a
    /// coordinator elects no store within the down-removal margin of its own start (see the constructor). Its probes of
    /// the hosts then take place during the margin instead of after it.
    /// </summary>
    public static readonly TimeSpan RemovalMargin = TimeSpan.FromMilliseconds(1);

    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(250);

    private readonly int _group;
    private readonly string _role;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Cluster _cluster = Cluster.Get(Context.System);
    private readonly Dictionary<Address, Member> _members = [];
    private readonly Dictionary<Address, HostStatus> _statuses = [];
    private readonly Queue<(object Message, IActorRef Sender)> _held = new();
    private (Address Node, IActorRef Store)? _active;
    private Address? _transitioning;
    private readonly int _lowestOrder;
    private readonly DateTime _waitForLowestUntil;
    private DateTime _electNotBefore;
    private bool _hadActive;

    /// <param name="lowestOrder">The lowest order configured for the group.</param>
    /// <param name="firstElectionWait">How long after this coordinator starts it waits for the host of <paramref name="lowestOrder"/>
    /// before electing a higher order when no store ran yet (so that a cluster starting up does not settle on whichever
    /// host came first); once a store ran (as this coordinator saw, or a host it probes was told), the next order takes
    /// over at once.</param>
    public GroupCoordinator(int group, int lowestOrder, TimeSpan firstElectionWait)
    {
        _group = group;
        _lowestOrder = lowestOrder;
        _waitForLowestUntil = DateTime.UtcNow + firstElectionWait;
        _role = CallstoreOptions.RoleOf(group);

        Receive<ClusterEvent.MemberRemoved>(e => e.Member.HasRole(_role), e => OnMemberRemoved(e.Member.Address));
        Receive<ClusterEvent.IMemberEvent>(e => e.Member.HasRole(_role) && e.Member.Status != MemberStatus.Joining, e => OnMemberChanged(e.Member));
        Receive<ClusterEvent.IClusterDomainEvent>(_ => Decide());
        Receive<Tick>(_ => OnTick());
        Receive<HostStatus>(status => OnHostStatus(AddressOf(Sender), status));
        Receive<Activated>(activated => OnActivated(AddressOf(Sender), activated.Store));
        Receive<Deactivated>(_ => OnDeactivated(AddressOf(Sender)));
        Receive<Terminated>(t => OnStoreTerminated(t.ActorRef));
        Receive<GetGroupStatus>(_ => Sender.Tell(Status()));
        ReceiveAny(Forward);
    }

    public static Props Props(int group, int lowestOrder, TimeSpan firstElectionWait) =>
        Akka.Actor.Props.Create(() => new GroupCoordinator(group, lowestOrder, firstElectionWait));

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));
        Timers.StartPeriodicTimer(nameof(Tick), Tick.Instance, TickInterval);
        // This coordinator may have started right after its predecessor's node was removed, together with the group's
        // store: a downed node on the other side of a partition may still run for the down-removal margin.
        HoldElectionForRemovalMargin();
    }

    /// <summary>No store is elected within the down-removal margin from now; the election is decided again when it ends.</summary>
    private void HoldElectionForRemovalMargin()
    {
        var margin = _cluster.DowningProvider.DownRemovalMargin;
        _electNotBefore = DateTime.UtcNow + margin;
        Timers.StartSingleTimer(nameof(HoldElectionForRemovalMargin), Tick.Instance, margin);
    }

    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private void OnMemberChanged(Member member)
    {
        _members[member.Address] = member;
        HandOverIfLeaving(member);
        Probe(member.Address);
        Decide();
    }

    private void HandOverIfLeaving(Member member)
    {
        if (member.Status is not (MemberStatus.Leaving or MemberStatus.Exiting) || _active?.Node != member.Address || _transitioning is not null) return;
        _log.Info("callstore group {0}: the active host {1} is leaving; handing over", _group, member.Address);
        _transitioning = member.Address;
        HostOf(member.Address).Tell(new StopActive(_group));
    }

    private void OnMemberRemoved(Address node)
    {
        _members.Remove(node);
        _statuses.Remove(node);
        if (_active?.Node == node || _transitioning == node)
        {
            // A removed node may still run for the down-removal margin (it downs itself on its side of a partition).
            HoldElectionForRemovalMargin();
            _log.Warning("callstore group {0}: the active host {1} was removed; electing the next one after {2}", _group, node, _cluster.DowningProvider.DownRemovalMargin);
            _active = null;
            _transitioning = null;
        }
        Decide();
    }

    private void OnTick()
    {
        foreach (var node in _members.Keys.Where(n => !_statuses.ContainsKey(n))) Probe(node);
        Decide();
    }

    private void OnHostStatus(Address node, HostStatus status)
    {
        if (!_members.ContainsKey(node)) return;
        _statuses[node] = status;
        _hadActive |= status.GroupWasActive;
        Decide();
    }

    private void OnActivated(Address node, IActorRef store)
    {
        if (_transitioning != node) return;
        _transitioning = null;
        Adopt(node, store);
    }

    private void OnDeactivated(Address node)
    {
        if (_statuses.TryGetValue(node, out var status)) _statuses[node] = status with { Store = null };
        if (_transitioning != node) return;
        _transitioning = null;
        if (_active?.Node == node) _active = null;
        Decide();
    }

    private void OnStoreTerminated(IActorRef store)
    {
        if (_active is not { } active || !active.Store.Equals(store) || _transitioning is not null) return;
        _active = null;
        // A store that stopped without being told to went down with its node (or failed past its supervisor): its host
        // must answer again before it may be elected, and a host that is going away never will.
        _statuses.Remove(active.Node);
        if (!_members.ContainsKey(active.Node)) HoldElectionForRemovalMargin();
        Decide();
    }

    private void Decide()
    {
        if (_active is not null || _transitioning is not null || _members.Count == 0) return;
        var unreachable = _cluster.State.Unreachable.Select(m => m.Address).ToHashSet();
        // Every host must have answered and be reachable: any of them might still run the store.
        if (_members.Keys.Any(n => unreachable.Contains(n) || !_statuses.ContainsKey(n))) return;

        if (_statuses.FirstOrDefault(s => s.Value.Store is not null) is { Value: not null } running)
        {
            _log.Info("callstore group {0}: instance {1} on {2} is active", _group, running.Value.Instance, running.Key);
            Adopt(running.Key, running.Value.Store!);
            return;
        }
        if (DateTime.UtcNow < _electNotBefore) return;

        var candidate = _members.Values
            .Where(m => m.Status is MemberStatus.Up or MemberStatus.WeaklyUp)
            .OrderBy(m => _statuses[m.Address].Order)
            .ThenBy(m => m, Member.AgeOrdering)
            .FirstOrDefault();
        if (candidate is null) return;
        if (!_hadActive && _statuses[candidate.Address].Order > _lowestOrder && DateTime.UtcNow < _waitForLowestUntil) return;
        _log.Info("callstore group {0}: electing instance {1} (order {2}) on {3}", _group, _statuses[candidate.Address].Instance, _statuses[candidate.Address].Order, candidate.Address);
        _transitioning = candidate.Address;
        HostOf(candidate.Address).Tell(new StartActive(_group));
    }

    private void Adopt(Address node, IActorRef store)
    {
        _active = (node, store);
        if (!_hadActive)
        {
            _hadActive = true;
            // The hosts remember it for this coordinator's successor (this node may crash with the store).
            foreach (var host in _members.Keys) Probe(host);
        }
        if (_statuses.TryGetValue(node, out var status)) _statuses[node] = status with { Store = store };
        Context.Watch(store);
        if (_members.TryGetValue(node, out var member)) HandOverIfLeaving(member);
        if (_transitioning is not null) return;
        while (_held.TryDequeue(out var held)) store.Tell(held.Message, held.Sender);
    }

    private void Forward(object message)
    {
        if (_active is { } active && _transitioning is null)
        {
            active.Store.Forward(message);
            return;
        }
        if (_held.Count >= MaxHeldMessages) _held.Dequeue();
        _held.Enqueue((message, Sender));
    }

    private GroupStatus Status()
    {
        var unreachable = _cluster.State.Unreachable.Select(m => m.Address).ToHashSet();
        var hosts = _members.Values.OrderBy(m => m, Member.AgeOrdering).Select(m =>
        {
            var known = _statuses.GetValueOrDefault(m.Address);
            var state = known is null ? "unknown" : _active?.Node == m.Address ? "active" : "passive";
            return new HostView(known?.Instance, known?.Order, NodeNames.Of(m.Address), !unreachable.Contains(m.Address), state);
        }).ToList();
        return new GroupStatus(_group, _active is { } a ? NodeNames.Of(a.Node) : null, NodeNames.Of(_cluster.SelfAddress), hosts);
    }

    private void Probe(Address node) => HostOf(node).Tell(new Probe(_group, _hadActive));

    private ActorSelection HostOf(Address node) => Context.ActorSelection(new RootActorPath(node) / "user" / GroupHost.NameOf(_group));

    private Address AddressOf(IActorRef sender) => sender.Path.Address.HasLocalScope ? _cluster.SelfAddress : sender.Path.Address;

    private sealed record Tick
    {
        public static readonly Tick Instance = new();
    }
}
