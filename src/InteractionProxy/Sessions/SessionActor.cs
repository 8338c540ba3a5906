using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Event;
using ClusterSip.InteractionProxy.Client;
using ClusterSip.InteractionProxy.Clusters;
using ClusterSip.InteractionProxy.Interactions;
using ClusterSip.InteractionProxy.Wire;

namespace ClusterSip.InteractionProxy.Sessions;

/// <summary>
/// One client session, sharded by SessionId so that a client resumes through any node. It numbers every line it
/// sends with the next SequenceId, keeps them in its <see cref="SessionCache"/> while connected or not, and on a
/// registration either resumes (re-sends what the client missed) or resets (starts over with a snapshot).
/// </summary>
public sealed class SessionActor : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan TrimInterval = TimeSpan.FromSeconds(1);

    private readonly string _sessionId;
    private readonly ProxySettings _settings;
    private readonly ProxyStatistics _statistics;
    private readonly CacheBudget _budget;
    private readonly SessionCache _cache;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IActorRef _clusters = ClusterSharding.Get(Context.System).ShardRegion(ProxySharding.ClusterTypeName);

    private Registration? _registration;
    private IActorRef? _connection;
    private long _epoch;
    private bool _awaitingSnapshot;

    public SessionActor(string sessionId, ProxySettings settings, ProxyStatistics statistics, CacheBudget budget)
    {
        _sessionId = sessionId;
        _settings = settings;
        _statistics = statistics;
        _budget = budget;
        _cache = new SessionCache(settings.CacheMaxEvents, settings.CacheMaxAge, budget);

        Receive<AttachSession>(Attach);
        Receive<SessionJoined>(Joined);
        Receive<DeliverEvent>(Deliver);
        Receive<Terminated>(t => t.ActorRef.Equals(_connection), _ => Disconnected());
        Receive<SessionTimedOut>(t => t.Epoch == _epoch && _connection is null, _ => End("nobody reconnected within session-timeout"));
        Receive<TrimCache>(_ => _cache.Trim(Environment.TickCount64));
        Receive<GetSessionInfo>(_ =>
        {
            Sender.Tell(Info());
            if (_registration is null) Context.Parent.Tell(new Passivate(PoisonPill.Instance));
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string sessionId, ProxySettings settings, ProxyStatistics statistics, CacheBudget budget) =>
        Akka.Actor.Props.Create(typeof(SessionActor), sessionId, settings, statistics, budget);

    protected override void PreStart()
    {
        _budget.SessionStarted();
        // A session that gets no events (its client's interactions moved away) still ages out and gives up its share.
        Timers.StartPeriodicTimer(nameof(TrimCache), TrimCache.Instance, TrimInterval);
    }

    protected override void PostStop()
    {
        _cache.Clear();
        _budget.SessionStopped();
    }

    private void Attach(AttachSession attach)
    {
        var registration = attach.Registration;
        if (_connection is not null && !_connection.Equals(attach.Connection))
        {
            Context.Unwatch(_connection);
            _connection.Tell(new CloseWith(ServerLines.Error(ErrorCodes.TakenOver, $"session {_sessionId} was registered again on another connection")));
        }

        _cache.Trim(Environment.TickCount64);
        var sameMembership = _registration is not null && _registration.ClusterId == registration.ClusterId && _registration.NodeId == registration.NodeId;
        var replay = sameMembership ? _cache.After(registration.SequenceId) : null;
        if (_registration is not null && !sameMembership)
            _clusters.Tell(new SessionEnded(_registration.ClusterId, _registration.NodeId, _sessionId));

        _registration = registration;
        _connection = attach.Connection;
        Context.Watch(_connection);
        _epoch++;
        Timers.Cancel(nameof(SessionTimedOut));

        if (replay is null)
        {
            _statistics.SessionReset();
            _cache.Clear();
            _awaitingSnapshot = true;
            _connection.Tell(new SendLines([ServerLines.Ack(0, resumed: false)]));
        }
        else
        {
            _statistics.SessionResumed();
            _awaitingSnapshot = false;
            _connection.Tell(new SendLines([ServerLines.Ack(_cache.Count, resumed: true), .. replay]));
        }

        _clusters.Tell(new JoinCluster(registration.ClusterId, registration.NodeId, _sessionId, _epoch, Reset: replay is null, registration.InteractionSnapshot));
    }

    private void Joined(SessionJoined joined)
    {
        if (joined.Epoch != _epoch || _registration is null) return;
        _awaitingSnapshot = false;
        if (joined.Snapshot is null) return;
        var lines = joined.Snapshot.Select(Cache).ToList();
        lines.Add(_cache.Add(ServerLines.EndOfSnapshot, Environment.TickCount64));
        _connection?.Tell(new SendLines([.. lines]));
    }

    private void Deliver(DeliverEvent deliver)
    {
        if (_registration is null || _registration.ClusterId != deliver.ClusterId || _registration.NodeId != deliver.NodeId)
        {
            // The cluster still counts on a session this actor no longer is (it timed out, or re-registered elsewhere).
            _clusters.Tell(new SessionEnded(deliver.ClusterId, deliver.NodeId, _sessionId));
            if (_registration is null) Context.Parent.Tell(new Passivate(PoisonPill.Instance));
            return;
        }
        // Until the cluster answers a reset, what it delivers is already in the snapshot it is about to send.
        if (_awaitingSnapshot) return;
        var line = Cache(deliver.Event);
        _connection?.Tell(new SendLines([line]));
    }

    /// <summary>Numbers the event with the next SequenceId and keeps its line for a resume.</summary>
    private byte[] Cache(InteractionEvent e) =>
        _cache.Add(sequence => ServerLines.Event(sequence, e, _registration!.UdataFilter), Environment.TickCount64);

    private void Disconnected()
    {
        _connection = null;
        _clusters.Tell(new SessionDisconnected(_registration!.ClusterId, _registration.NodeId, _sessionId));
        Timers.StartSingleTimer(nameof(SessionTimedOut), new SessionTimedOut(_epoch), _settings.SessionTimeout);
    }

    private void End(string why)
    {
        _log.Info("session {0} ({1}/{2}) dropped: {3}", _sessionId, _registration!.ClusterId, _registration.NodeId, why);
        _clusters.Tell(new SessionEnded(_registration.ClusterId, _registration.NodeId, _sessionId));
        _registration = null;
        Context.Parent.Tell(new Passivate(PoisonPill.Instance));
    }

    private SessionInfo Info() => new(
        _sessionId,
        _registration?.ClusterId,
        _registration?.NodeId,
        Cluster.Get(Context.System).SelfAddress.ToString(),
        _connection is not null,
        _cache.Count,
        _cache.LastSequence == 0 ? null : SequenceIds.Format(_cache.LastSequence));

    private sealed record SessionTimedOut(long Epoch);

    private sealed record TrimCache
    {
        public static readonly TrimCache Instance = new();
    }
}
