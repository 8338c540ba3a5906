using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using ClusterSip.Registrar.Location;

namespace ClusterSip.Registrar.Sharding;

/// <summary>
/// The address-of-records whose hash falls in one partition (Kamailio usrloc's hash slot), journaled so that another
/// node recovers them when this one goes. A REGISTER is applied at once (the next one for the same record sees it) and
/// answered when its record is written; writes of different records overlap. Expired bindings leave memory on a
/// sweep without a write: recovery drops them by their expiry time.
/// </summary>
public sealed class LocationPartition : UntypedPersistentActor, IWithTimers
{
    private const string SweepTimer = "sweep";
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);

    private readonly RegistrarPolicy _policy;
    private readonly int _snapshotEvery;
    private readonly UsrlocStatistics _statistics;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, Binding[]> _records = new(StringComparer.Ordinal);
    private DateTimeOffset _nextExpiry = DateTimeOffset.MaxValue;
    private int _writesInFlight;
    private long _snapshotSequenceNr;
    private bool _snapshotting;

    public LocationPartition(string partition, RegistrarPolicy policy, UsrlocStatistics statistics, int snapshotEvery)
    {
        _policy = policy;
        _snapshotEvery = snapshotEvery;
        _statistics = statistics;
        PersistenceId = "location|" + partition;
    }

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string partition, RegistrarPolicy policy, UsrlocStatistics statistics, int snapshotEvery) =>
        Akka.Actor.Props.Create(typeof(LocationPartition), partition, policy, statistics, snapshotEvery);

    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer { Snapshot: PartitionSnapshot snapshot } offer:
                _snapshotSequenceNr = offer.Metadata.SequenceNr;
                foreach (var record in snapshot.Records) _records[record.Aor] = record.Bindings;
                break;
            case RecordStored stored when stored.Bindings.Length == 0:
                _records.Remove(stored.Aor);
                break;
            case RecordStored stored:
                _records[stored.Aor] = stored.Bindings;
                break;
            case RecoveryCompleted:
                foreach (var bindings in _records.Values) _statistics.Changed(0, bindings.Length);
                _nextExpiry = DateTimeOffset.MinValue;
                Sweep(DateTimeOffset.UtcNow);
                Timers.StartPeriodicTimer(SweepTimer, SweepTick.Instance, SweepInterval);
                break;
        }
    }

    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case RegisterCommand command:
                OnRegister(command);
                break;
            case LookupBindings lookup:
                Sender.Tell(new AorBindings(lookup.Aor, Live(lookup.Aor, DateTimeOffset.UtcNow)));
                break;
            case RemoveBindings remove:
                OnRemove(remove);
                break;
            case PartitionRecordsQuery:
                var now = DateTimeOffset.UtcNow;
                Sender.Tell(new PartitionRecords(_records.Where(r => r.Value.Any(b => b.ExpiresAt > now)).Select(r => r.Key).ToArray()));
                break;
            case SweepTick:
                Sweep(DateTimeOffset.UtcNow);
                break;
            case SaveSnapshotSuccess saved:
                _snapshotting = false;
                _snapshotSequenceNr = saved.Metadata.SequenceNr;
                DeleteMessages(saved.Metadata.SequenceNr);
                DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1));
                break;
            case SaveSnapshotFailure failed:
                _snapshotting = false;
                _log.Warning(failed.Cause, "snapshot of {0} failed; recovery replays the journal", PersistenceId);
                break;
            case DeleteMessagesFailure failed:
                _log.Warning(failed.Cause, "deleting journaled events of {0} failed", PersistenceId);
                break;
            case DeleteSnapshotsFailure failed:
                _log.Warning(failed.Cause, "deleting old snapshots of {0} failed", PersistenceId);
                break;
            case DeleteMessagesSuccess or DeleteSnapshotsSuccess:
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    protected override void PostStop()
    {
        foreach (var bindings in _records.Values) _statistics.Changed(bindings.Length, 0);
        base.PostStop();
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        _log.Error(cause, "journal rejected a record of {0}", PersistenceId);
        base.OnPersistRejected(cause, @event, sequenceNr);
    }

    private void OnRegister(RegisterCommand command)
    {
        var outcome = BindingRules.Apply(_records.GetValueOrDefault(command.Aor) ?? [], command, _policy, DateTimeOffset.UtcNow);
        if (!outcome.Accepted || outcome.Changes.Length == 0)
        {
            Sender.Tell(outcome);
            return;
        }

        _statistics.Expire(outcome.Changes.Count(c => c.Kind == BindingChangeKind.Expired));
        var sender = Sender;
        Store(command.Aor, outcome.Bindings, () => sender.Tell(outcome));
    }

    private void OnRemove(RemoveBindings remove)
    {
        var sender = Sender;
        if (!_records.ContainsKey(remove.Aor))
        {
            sender.Tell(new BindingsRemoved(remove.Aor, 0));
            return;
        }

        var count = Live(remove.Aor, DateTimeOffset.UtcNow).Length;
        Store(remove.Aor, [], () => sender.Tell(new BindingsRemoved(remove.Aor, count)));
    }

    /// <summary>Applies the record's new bindings (counted before anyone is answered) and answers once they are written.</summary>
    private void Store(string aor, Binding[] bindings, Action written)
    {
        Set(aor, bindings);
        _writesInFlight++;
        PersistAsync(new RecordStored(aor, bindings), _ =>
        {
            _writesInFlight--;
            written();
            SnapshotWhenDue();
        });
    }

    private void Set(string aor, Binding[] bindings)
    {
        _statistics.Changed(_records.GetValueOrDefault(aor)?.Length ?? 0, bindings.Length);
        if (bindings.Length == 0)
        {
            _records.Remove(aor);
            return;
        }

        _records[aor] = bindings;
        foreach (var binding in bindings)
        {
            if (binding.ExpiresAt < _nextExpiry) _nextExpiry = binding.ExpiresAt;
        }
    }

    // Only with no write in flight does the state in memory match the last journaled event exactly.
    private void SnapshotWhenDue()
    {
        if (_snapshotting || _writesInFlight > 0 || LastSequenceNr - _snapshotSequenceNr < _snapshotEvery) return;

        _snapshotting = true;
        SaveSnapshot(new PartitionSnapshot(_records.Select(r => new RecordStored(r.Key, r.Value)).ToArray()));
    }

    private void Sweep(DateTimeOffset now)
    {
        if (now < _nextExpiry) return;

        var next = DateTimeOffset.MaxValue;
        var changed = new List<(string Aor, Binding[] Remaining, int Expired)>();
        foreach (var (aor, bindings) in _records)
        {
            foreach (var binding in bindings)
            {
                if (binding.ExpiresAt > now && binding.ExpiresAt < next) next = binding.ExpiresAt;
            }

            if (bindings.Any(b => b.ExpiresAt <= now))
            {
                var (remaining, expired) = BindingRules.Expire(bindings, now);
                changed.Add((aor, remaining, expired.Length));
            }
        }

        foreach (var (aor, remaining, expired) in changed)
        {
            _statistics.Expire(expired);
            Set(aor, remaining);
        }

        _nextExpiry = next;
    }

    private Binding[] Live(string aor, DateTimeOffset now) =>
        _records.TryGetValue(aor, out var bindings) ? bindings.Where(b => b.ExpiresAt > now).ToArray() : [];

    private sealed class SweepTick
    {
        public static readonly SweepTick Instance = new();
    }
}
