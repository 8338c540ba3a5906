using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using ClusterSip.CallEvents;
using ClusterSip.InteractionProxy.Interactions;
using ClusterSip.InteractionProxy.Sessions;

namespace ClusterSip.InteractionProxy.Clusters;

/// <summary>
/// One client cluster (sessions with the same ClusterId), sharded by ClusterId. It follows every accepted call
/// event (<see cref="InteractionMirror"/>), gives each interaction one client node for its life
/// (<see cref="Assignments"/>) and delivers the interaction's events to that node's session.
/// </summary>
public sealed class ClientClusterActor : ReceiveActor, IWithTimers, IWithUnboundedStash
{
    private static readonly TimeSpan SnapshotRetry = TimeSpan.FromSeconds(3);

    private readonly string _clusterId;
    private readonly ProxySettings _settings;
    private readonly CallstoreGroups _callstore;
    private readonly InteractionMirror _mirror;
    private readonly Assignments _assignments = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IActorRef _sessions = ClusterSharding.Get(Context.System).ShardRegion(ProxySharding.SessionTypeName);

    public ClientClusterActor(string clusterId, ProxySettings settings, CallstoreGroups callstore)
    {
        _clusterId = clusterId;
        _settings = settings;
        _callstore = callstore;
        _mirror = new InteractionMirror(callstore.Groups.Count);

        Receive<SubscribeAck>(_ => AskSnapshots());
        Receive<AskSnapshotsAgain>(_ => AskSnapshots());
        Receive<AcceptedCallEvent>(accepted => Handle(_mirror.Apply(accepted)));
        Receive<ActiveCallsSnapshot>(snapshot =>
        {
            Handle(_mirror.Apply(snapshot));
            if (_mirror.Started) Stash.UnstashAll();
        });
        Receive<JoinCluster>(join =>
        {
            if (_mirror.Started) Join(join);
            else Stash.Stash();
        });
        Receive<SessionDisconnected>(Disconnected);
        Receive<GraceExpired>(expired =>
        {
            if (_assignments.Node(expired.NodeId) is { Connected: false } node && node.SessionId == expired.SessionId)
                RemoveNode(expired.NodeId, "its session stayed disconnected past the disconnect grace");
        });
        Receive<SessionEnded>(ended =>
        {
            if (_assignments.Node(ended.NodeId)?.SessionId == ended.SessionId) RemoveNode(ended.NodeId, "its session ended");
        });
        Receive<IdleCheck>(_ =>
        {
            if (_assignments.Nodes.Count == 0 && _mirror.Started) Context.Parent.Tell(new Passivate(PoisonPill.Instance));
        });
        Receive<GetClientClusterInfo>(_ => Sender.Tell(Info()));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public IStash Stash { get; set; } = null!;

    public static Props Props(string clusterId, ProxySettings settings, CallstoreGroups callstore) =>
        Akka.Actor.Props.Create(typeof(ClientClusterActor), clusterId, settings, callstore);

    protected override void PreStart()
    {
        DistributedPubSub.Get(Context.System).Mediator.Tell(new Subscribe(CallEventTopics.Accepted, Self));
        ScheduleIdleCheck();
    }

    private void AskSnapshots()
    {
        if (!_mirror.Waiting) return;
        foreach (var group in _callstore.Groups) group.Tell(new GetActiveCalls(), Self);
        Timers.StartSingleTimer(nameof(AskSnapshotsAgain), AskSnapshotsAgain.Instance, SnapshotRetry);
    }

    private void Handle(MirrorUpdate update)
    {
        foreach (var change in update.Changes)
        {
            var callId = change.Event.CallId;
            if (change.Resynced && change.State is null)
            {
                _log.Warning("client cluster {0}: interaction {1} ended while its events were missed; its clients saw no end", _clusterId, callId);
                _assignments.Release(callId);
                continue;
            }

            var node = _assignments.Assign(callId);
            var shown = change.Resynced ? TLibraryEvents.Snapshot(change.Event, change.State!.Value) : TLibraryEvents.Of(change.Event);
            if (node is not null && shown is not null) Deliver(node, shown);
            if (change.State is null) _assignments.Release(callId);
        }

        if (update.ResyncGroup is { } group)
        {
            _log.Warning("client cluster {0}: callstore group {1} skipped offsets or has a new active instance; catching up from its snapshot", _clusterId, group);
            AskSnapshots();
        }
    }

    private void Join(JoinCluster join)
    {
        _assignments.Upsert(new ClientNode(join.NodeId, join.SessionId, Connected: true));
        Timers.Cancel(GraceKey(join.NodeId));
        var waiting = _mirror.Calls.Where(c => _assignments.NodeOf(c.Latest.CallId) is null).ToList();
        foreach (var call in waiting) _assignments.Assign(call.Latest.CallId);

        var snapshot = join.Reset && join.WantSnapshot ? SnapshotOf(_assignments.InteractionsOf(join.NodeId)) : null;
        _sessions.Tell(new SessionJoined(join.SessionId, join.Epoch, snapshot));
        if (!join.Reset)
        {
            foreach (var call in waiting) Deliver(_assignments.NodeOf(call.Latest.CallId)!, TLibraryEvents.Snapshot(call.Latest, call.State));
        }
    }

    private void Disconnected(SessionDisconnected disconnected)
    {
        if (_assignments.Node(disconnected.NodeId) is not { } node || node.SessionId != disconnected.SessionId) return;
        _assignments.Upsert(node with { Connected = false });
        Timers.StartSingleTimer(GraceKey(node.NodeId), new GraceExpired(node.NodeId, node.SessionId), _settings.DisconnectGrace);
    }

    private void RemoveNode(string nodeId, string why)
    {
        Timers.Cancel(GraceKey(nodeId));
        var moved = _assignments.Remove(nodeId);
        _log.Info("client cluster {0}: node {1} left ({2}); {3} interactions move to the {4} remaining nodes",
            _clusterId, nodeId, why, moved.Count, _assignments.Nodes.Count);
        foreach (var callId in moved)
        {
            if (_mirror.Find(callId) is { } call && _assignments.Assign(callId) is { } node)
                Deliver(node, TLibraryEvents.Snapshot(call.Latest, call.State));
        }
        if (_assignments.Nodes.Count == 0) ScheduleIdleCheck();
    }

    private IReadOnlyList<InteractionEvent> SnapshotOf(IEnumerable<string> callIds) =>
        callIds
            .Select(_mirror.Find)
            .OfType<MirroredCall>()
            .OrderBy(c => c.Latest.Time)
            .ThenBy(c => c.Latest.CallId, StringComparer.Ordinal)
            .Select(c => TLibraryEvents.Snapshot(c.Latest, c.State))
            .ToList();

    private void Deliver(string nodeId, InteractionEvent e) =>
        _sessions.Tell(new DeliverEvent(_assignments.Node(nodeId)!.SessionId, _clusterId, nodeId, e));

    private ClientClusterInfo Info() => new(
        _clusterId,
        _mirror.Started,
        _mirror.Count,
        _assignments.Nodes.Select(n => new ClientNodeInfo(n.NodeId, n.SessionId, n.Connected, _assignments.CountOf(n.NodeId))).ToList());

    /// <summary>A cluster without nodes stops after a while; the next registration starts it again.</summary>
    private void ScheduleIdleCheck() => Timers.StartSingleTimer(nameof(IdleCheck), IdleCheck.Instance, _settings.SessionTimeout);

    private static string GraceKey(string nodeId) => "grace:" + nodeId;

    private sealed record AskSnapshotsAgain
    {
        public static readonly AskSnapshotsAgain Instance = new();
    }

    private sealed record GraceExpired(string NodeId, string SessionId);

    private sealed record IdleCheck
    {
        public static readonly IdleCheck Instance = new();
    }
}
