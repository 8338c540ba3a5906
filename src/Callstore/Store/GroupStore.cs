using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using Akka.Persistence;
using ClusterSip.Callstore.Cdr;
using ClusterSip.Callstore.Routing;
using ClusterSip.CallEvents;

namespace ClusterSip.Callstore.Store;

/// <summary>
/// The active instance of a callstore group: publishes every call event it accepts as an <see cref="AcceptedCallEvent"/>
/// with its offset (one more per event, gap-free within this incarnation's epoch) at once, journals them (in batches:
/// the events that arrive while a write is in flight go out together as the next journal entry, an
/// <see cref="EventBatch"/>), acknowledges each to its sender once journaled, drops repeats, writes one CDR per ended
/// call, and ends the calls of lost nodes (docs/callstore.md).
/// </summary>
public sealed class GroupStore : UntypedPersistentActor, IWithTimers
{
    /// <summary>Topic on which each CDR is published once written.</summary>
    public const string CdrTopic = "callstore.cdrs";

    /// <summary>The status a call ended by the callstore reports: the server that held its dialog failed.</summary>
    public const int NodeLostStatus = 500;

    private static readonly TimeSpan NodeStartRetryInterval = TimeSpan.FromSeconds(2);

    /// <summary>Events that are written at once even while the journal is paced.</summary>
    private const int PacedBatch = 1000;

    private readonly GroupStoreSettings _settings;
    private readonly int _group;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Cluster _cluster = Cluster.Get(Context.System);
    private readonly IActorRef _mediator = DistributedPubSub.Get(Context.System).Mediator;
    private readonly Dictionary<string, (long Last, bool Ended)> _accepting = new(StringComparer.Ordinal);
    private readonly HashSet<string> _cdrWriting = new(StringComparer.Ordinal);
    private IActorRef _cdrWriter = ActorRefs.Nobody;
    private readonly HashSet<Address> _awaitingStart = [];
    private CallBook _book = new();
    private List<Pending> _buffer = [];
    private bool _writing;
    private bool _pacing;
    private long _offset;
    private long _published;
    private long _since;
    private readonly long _epoch = Random.Shared.NextInt64(1, long.MaxValue);
    private readonly List<(IActorRef Asker, long Published)> _snapshotAskers = [];
    private bool _draining;
    private IActorRef? _drainRequester;
    private int _sinceSnapshot;
    private bool _snapshotting;
    private bool _acceptedHere;

    public GroupStore(GroupStoreSettings settings)
    {
        _settings = settings;
        _group = settings.Instance.Group;
        PersistenceId = GroupStoreSettings.PersistenceIdOf(_group);
        JournalPluginId = settings.Plugins.Journal;
        SnapshotPluginId = settings.Plugins.SnapshotStore;
    }

    public static Props Props(GroupStoreSettings settings) => Akka.Actor.Props.Create(() => new GroupStore(settings));

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    private bool CdrEnabled => _settings.Instance.CdrEnabled;

    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer { Snapshot: StoreSnapshot snapshot }:
                _book = CallBook.FromSnapshot(snapshot, CdrEnabled);
                _offset = snapshot.Offset;
                break;
            case EventBatch batch:
                foreach (var e in batch.Events) _book.Apply(e, CdrEnabled);
                _offset = batch.FirstOffset + batch.Events.Count - 1;
                break;
            case RecoveryCompleted:
                OnRecovered();
                break;
            default:
                throw new InvalidOperationException($"callstore group {_group}: the journal holds a {message.GetType()}, which this version does not read");
        }
    }

    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case CallEvent e:
                Receive(e);
                break;
            case GetActiveCalls:
                // The book holds journaled events only: the answer waits until it covers everything already published.
                _snapshotAskers.Add((Sender, _published));
                AnswerSnapshotAskers();
                break;
            case Drain:
                _draining = true;
                _drainRequester = Sender;
                Flush(); // what waits for the journal pace goes now
                ReplyIfDrained();
                break;
            case CdrStored stored:
                OnCdrStored(stored);
                break;
            case ClusterEvent.MemberDowned downed when downed.Member.UniqueAddress.Equals(_cluster.SelfUniqueAddress):
                // On the losing side of a partition: the other side elects the next order once it has downed this node
                // too, so nothing more is written or acknowledged here (the dialogs resend to the next active instance).
                _log.Warning("callstore group {0}: this node was downed; the instance accepts no more events", _group);
                _draining = true;
                break;
            case ClusterEvent.MemberRemoved removed:
                CloseCallsOn(NodeNames.Of(removed.Member.Address), $"its node {removed.Member.Address} was removed from the cluster");
                break;
            case ClusterEvent.UnreachableMember unreachable:
                Timers.StartSingleTimer(unreachable.Member.Address, new UnreachableTimeout(unreachable.Member.Address), _settings.DeadDialogAfter);
                break;
            case ClusterEvent.ReachableMember reachable:
                Timers.Cancel(reachable.Member.Address);
                break;
            case UnreachableTimeout timeout when _cluster.State.Unreachable.Any(m => m.Address == timeout.Node):
                CloseCallsOn(NodeNames.Of(timeout.Node), $"its node {timeout.Node} stayed unreachable for {_settings.DeadDialogAfter}");
                break;
            case JournalPaced:
                _pacing = false;
                Flush();
                break;
            case CheckRecoveredCalls:
                CheckRecoveredNodes();
                break;
            case AskNodeStarts:
                AskForNodeStarts();
                break;
            case NodeStartedAt started:
                OnNodeStarted(Sender.Path.Address.HasLocalScope ? _cluster.SelfAddress : Sender.Path.Address, started.StartedAt);
                break;
            case SaveSnapshotSuccess saved:
                // Recovery starts from the newest snapshot: older snapshots and the events they cover are not read again.
                _snapshotting = false;
                DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1));
                DeleteMessages(saved.Metadata.SequenceNr);
                break;
            case SaveSnapshotFailure failed:
                _snapshotting = false;
                _log.Warning(failed.Cause, "callstore group {0}: saving a snapshot failed; recovery replays more of the journal until the next one succeeds", _group);
                break;
            case DeleteSnapshotsFailure failed:
                _log.Warning(failed.Cause, "callstore group {0}: deleting old snapshots failed", _group);
                break;
            case DeleteMessagesFailure failed:
                _log.Warning(failed.Cause, "callstore group {0}: deleting journaled events up to {1} (covered by a snapshot) failed", _group, failed.ToSequenceNr);
                break;
            case UnreachableTimeout or DeleteSnapshotsSuccess or DeleteMessagesSuccess or ClusterEvent.IClusterDomainEvent:
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    protected override void PostStop()
    {
        _cluster.Unsubscribe(Self);
        _settings.Statistics.ClearActiveCalls(_group);
        base.PostStop();
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        // The batch's remaining handlers will not run: start over from the journal (the senders resend what was not acknowledged).
        _log.Error(cause, "callstore group {0}: the journal rejected event {1}; restarting from the journal", _group, @event);
        throw new InvalidOperationException($"callstore group {_group}: journal rejected an event", cause);
    }

    private void OnRecovered()
    {
        (_published, _since) = (_offset, _offset);
        if (LastSequenceNr > 0) _settings.Statistics.HandedOver();
        _settings.Statistics.SetActiveCalls(_group, _book.ActiveCount);
        _log.Info("callstore group {0} is active here: {1} active calls recovered, journal at sequence {2}, offset {3}", _group, _book.ActiveCount, LastSequenceNr, _offset);
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));
        foreach (var (callId, events) in _book.CdrPending.ToList()) WriteCdr(callId, events);
        // Checked as a command, so that the calls it ends are journaled like any other event.
        Self.Tell(CheckRecoveredCalls.Instance);
    }

    /// <summary>
    /// The calls recovered from the journal whose node is no longer a member are ended now; for a node that is a
    /// member its router says when it started, since the node may be a restarted incarnation without the call's dialog.
    /// </summary>
    private void CheckRecoveredNodes()
    {
        foreach (var node in _book.Active.Select(c => NodeNames.Normalize(c.Latest.Node)).Distinct().ToList())
        {
            var member = _cluster.State.Members.FirstOrDefault(m => NodeNames.Of(m.Address) == node && m.Status is not (MemberStatus.Down or MemberStatus.Removed));
            if (member is null) CloseCallsOn(node, "its node is not a member of the cluster");
            else _awaitingStart.Add(member.Address);
        }
        AskForNodeStarts();
    }

    private void AskForNodeStarts()
    {
        foreach (var address in _awaitingStart) Context.ActorSelection(address + _settings.RouterPath).Tell(WhenStarted.Instance);
        if (_awaitingStart.Count > 0) Timers.StartSingleTimer(nameof(AskNodeStarts), AskNodeStarts.Instance, NodeStartRetryInterval);
    }

    private void OnNodeStarted(Address address, DateTimeOffset startedAt)
    {
        if (!_awaitingStart.Remove(address)) return;
        CloseCallsOn(NodeNames.Of(address), $"it began before its node restarted at {startedAt:O}", call => call.First.Time < startedAt);
    }

    private void Receive(CallEvent e)
    {
        // While handing over, nothing is acknowledged: the dialogs send again to the next active instance.
        if (_draining) return;

        var (written, endedWritten) = _book.Progress(e.CallId);
        if (e.Sequence <= written || endedWritten)
        {
            _settings.Statistics.DuplicateDropped(); // counted before the ack, so whoever sees the ack sees the count
            Sender.Tell(new CallEventAck(e.CallId, e.Sequence));
            return;
        }
        var (last, ended) = ProgressOf(e.CallId);
        if (e.Sequence <= last || ended)
        {
            // A copy of an event still being written: acknowledged once written, never before (this node may crash first).
            _settings.Statistics.DuplicateDropped();
            return;
        }
        if (e.Sequence != last + 1)
        {
            // An earlier event of the call is still missing; its dialog sends both again, in order.
            _log.Debug("callstore group {0}: call {1} event {2} arrived before {3}; not acknowledged", _group, e.CallId, e.Sequence, last + 1);
            return;
        }
        Accept(e, Sender, nodeLost: false);
    }

    private (long Last, bool Ended) ProgressOf(string callId) =>
        _accepting.TryGetValue(callId, out var accepting) ? accepting : _book.Progress(callId);

    private void Accept(CallEvent e, IActorRef sender, bool nodeLost)
    {
        _accepting[e.CallId] = (e.Sequence, e is CallReleased or CallFailed);
        _buffer.Add(new Pending(e, sender, nodeLost));
        // Published before it is journaled: subscribers (the Interaction Proxy) do not wait for the commit. If this
        // incarnation dies before the write, the dialog sends the event again to the next one, which publishes it under
        // its own epoch.
        _mediator.Tell(new Publish(CallEventTopics.Accepted, new AcceptedCallEvent(e, _group, ++_published) { Epoch = _epoch }));
        Flush();
    }

    private void Flush()
    {
        if (_writing || _buffer.Count == 0 || (_pacing && !_draining && _buffer.Count < PacedBatch)) return;
        _writing = true;
        var batch = _buffer;
        _buffer = [];
        // One journal entry per batch: the journal's cost is per row (statement text, parameters, indexes), not per byte.
        PersistAsync(new EventBatch(_offset + 1, batch.Select(p => p.Event).ToList()), journaled =>
        {
            OnPersisted(batch, journaled.FirstOffset);
            _writing = false;
            if (_settings.JournalPace > TimeSpan.Zero)
            {
                // A commit costs about the same for one event as for hundreds: under load the next one waits a little and
                // takes what arrived meanwhile. Nothing waits for it but the acknowledgements (published already).
                _pacing = true;
                Timers.StartSingleTimer(JournalPaced.Instance, JournalPaced.Instance, _settings.JournalPace);
            }
            Flush();
            ReplyIfDrained();
        });
    }

    private void OnPersisted(List<Pending> batch, long firstOffset)
    {
        var statistics = _settings.Statistics;
        for (var i = 0; i < batch.Count; i++)
        {
            var (e, sender, nodeLost) = batch[i];
            if (_accepting.TryGetValue(e.CallId, out var accepting) && accepting.Last == e.Sequence) _accepting.Remove(e.CallId);

            var ended = _book.Apply(e, CdrEnabled);
            if (!sender.IsNobody()) sender.Tell(new CallEventAck(e.CallId, e.Sequence));

            statistics.EventAccepted();
            if (nodeLost) statistics.DeadDialogClosed();
            if (ended is not null && CdrEnabled) WriteCdr(e.CallId, ended);
        }
        _offset = firstOffset + batch.Count - 1;
        statistics.SetActiveCalls(_group, _book.ActiveCount);
        AnswerSnapshotAskers();
        if (!_acceptedHere && batch.FindIndex(p => !p.Sender.IsNobody()) is var first and >= 0)
        {
            // The end of a handover as scripts/callstore-failover.sh measures it (node-lost endings do not count: no dialog sent them).
            _acceptedHere = true;
            _log.Info("callstore group {0}: first event from a dialog accepted here, offset {1}", _group, firstOffset + first);
        }

        // One snapshot at a time: under load the next one waits until the last is saved, so snapshots never queue up.
        _sinceSnapshot += batch.Count;
        if (_sinceSnapshot >= _settings.SnapshotEvery && !_snapshotting)
        {
            _snapshotting = true;
            _sinceSnapshot = 0;
            SaveSnapshot(_book.ToSnapshot(_offset));
        }
    }

    private void AnswerSnapshotAskers()
    {
        if (_snapshotAskers.Count == 0 || _snapshotAskers[0].Published > _offset) return;
        var snapshot = new ActiveCallsSnapshot(_group, _offset, _book.Active.Select(c => new ActiveCall(c.Latest, c.State)).ToList()) { Epoch = _epoch, Since = _since };
        // Askers come in order of what was published before them, so the covered ones are a prefix.
        var covered = _snapshotAskers.FindIndex(a => a.Published > _offset) is var i and >= 0 ? i : _snapshotAskers.Count;
        foreach (var (asker, _) in _snapshotAskers.Take(covered)) asker.Tell(snapshot);
        _snapshotAskers.RemoveRange(0, covered);
    }

    private void ReplyIfDrained()
    {
        if (!_draining || _writing || _buffer.Count > 0 || _drainRequester is null) return;
        _drainRequester.Tell(new Drained(_group));
        _drainRequester = null;
    }

    /// <summary>
    /// Ends the active calls served by <paramref name="node"/> with CallFailed (node-lost), journaled like any event.
    /// This is also where an RTP-inactivity signal would enter: a message naming a call whose media stopped would end
    /// that call the same way (see docs/callstore.md).
    /// </summary>
    private void CloseCallsOn(string node, string why, Func<CallRecord, bool>? only = null)
    {
        // A draining instance leaves them to the next active one.
        if (_draining) return;
        foreach (var call in _book.Active.Where(c => NodeNames.Normalize(c.Latest.Node) == node && (only is null || only(c))).ToList())
        {
            var (last, ended) = ProgressOf(call.Latest.CallId);
            if (ended) continue;
            var latest = call.Latest;
            _log.Warning("callstore group {0}: ending call {1} as {2}: {3}", _group, latest.CallId, FailureCauses.NodeLost, why);
            Accept(new CallFailed
            {
                CallId = latest.CallId,
                SipCallId = latest.SipCallId,
                Sequence = last + 1,
                Domain = latest.Domain,
                From = latest.From,
                To = latest.To,
                Node = latest.Node,
                Time = DateTimeOffset.UtcNow,
                UserData = latest.UserData,
                StatusCode = NodeLostStatus,
                Cause = FailureCauses.NodeLost,
            }, ActorRefs.Nobody, nodeLost: true);
        }
    }

    private void WriteCdr(string callId, IReadOnlyList<CallEvent> events)
    {
        if (!_cdrWriting.Add(callId)) return;
        if (_cdrWriter.IsNobody()) _cdrWriter = Context.ActorOf(CdrWriter.Props(_settings.Cdrs, _settings.Instance.Sorm3Enabled), "cdr-writer");
        _cdrWriter.Tell(new WriteCdr(CdrBuilder.Build(_group, events)));
    }

    private void OnCdrStored(CdrStored stored)
    {
        var callId = stored.Cdr.CallId;
        _cdrWriting.Remove(callId);
        _book.CdrWritten(callId);
        if (!stored.Inserted) return;
        _settings.Statistics.CdrWritten();
        _mediator.Tell(new Publish(CdrTopic, stored.Cdr));
    }

    private sealed record Pending(CallEvent Event, IActorRef Sender, bool NodeLost);

    private sealed record UnreachableTimeout(Address Node);

    private sealed record JournalPaced
    {
        public static readonly JournalPaced Instance = new();
    }

    private sealed record CheckRecoveredCalls
    {
        public static readonly CheckRecoveredCalls Instance = new();
    }

    private sealed record AskNodeStarts
    {
        public static readonly AskNodeStarts Instance = new();
    }
}
