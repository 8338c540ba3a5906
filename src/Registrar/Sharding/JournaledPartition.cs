using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using ClusterSip.Registrar.Location;

namespace ClusterSip.Registrar.Sharding;

/// <summary>
/// A location partition whose records are journaled, so that another node recovers them when this one goes. A
/// REGISTER is applied at once (the next one for the same record sees it) and answered when its record is written;
/// writes of different records overlap. Expired bindings leave memory on a sweep without a write: recovery drops them
/// by their expiry time.
/// </summary>
public sealed class JournaledPartition : UntypedPersistentActor, IWithTimers
{
    private readonly LocationTable _table;
    private readonly int _snapshotEvery;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private int _writesInFlight;
    private long _snapshotSequenceNr;
    private bool _snapshotting;

    public JournaledPartition(string partition, RegistrarPolicy policy, UsrlocStatistics statistics, int snapshotEvery)
    {
        _table = new LocationTable(policy, statistics);
        _snapshotEvery = snapshotEvery;
        PersistenceId = "location|" + partition;
    }

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string partition, RegistrarPolicy policy, UsrlocStatistics statistics, int snapshotEvery) =>
        Akka.Actor.Props.Create(typeof(JournaledPartition), partition, policy, statistics, snapshotEvery);

    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer { Snapshot: PartitionSnapshot snapshot } offer:
                _snapshotSequenceNr = offer.Metadata.SequenceNr;
                foreach (var record in snapshot.Records) _table.Restore(record.Aor, record.Bindings);
                break;
            case RecordStored stored:
                _table.Restore(stored.Aor, stored.Bindings);
                break;
            case RecoveryCompleted:
                _table.Restored(DateTimeOffset.UtcNow);
                Timers.StartPeriodicTimer(PartitionQueries.SweepTimer, SweepTick.Instance, PartitionQueries.SweepInterval);
                break;
        }
    }

    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case RegisterCommand command:
                var (outcome, changed) = _table.Register(command, DateTimeOffset.UtcNow);
                var registrant = Sender;
                if (changed) Store(command.Aor, outcome.Bindings, () => registrant.Tell(outcome));
                else registrant.Tell(outcome);
                break;
            case RemoveBindings remove:
                var remover = Sender;
                if (_table.Remove(remove.Aor, DateTimeOffset.UtcNow) is { } count) Store(remove.Aor, [], () => remover.Tell(new BindingsRemoved(remove.Aor, count)));
                else remover.Tell(new BindingsRemoved(remove.Aor, 0));
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
                if (!PartitionQueries.Answer(message, _table, Sender)) Unhandled(message);
                break;
        }
    }

    protected override void PostStop()
    {
        _table.Uncount();
        base.PostStop();
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        _log.Error(cause, "journal rejected a record of {0}", PersistenceId);
        base.OnPersistRejected(cause, @event, sequenceNr);
    }

    /// <summary>Journals the record's new bindings (already applied and counted) and answers once they are written.</summary>
    private void Store(string aor, Binding[] bindings, Action written)
    {
        _writesInFlight++;
        PersistAsync(new RecordStored(aor, bindings), _ =>
        {
            _writesInFlight--;
            written();
            SnapshotWhenDue();
        });
    }

    // Only with no write in flight does the table match the last journaled change exactly.
    private void SnapshotWhenDue()
    {
        if (_snapshotting || _writesInFlight > 0 || LastSequenceNr - _snapshotSequenceNr < _snapshotEvery) return;

        _snapshotting = true;
        SaveSnapshot(new PartitionSnapshot(_table.Snapshot()));
    }
}
