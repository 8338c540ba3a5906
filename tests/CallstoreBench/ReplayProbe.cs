using Akka.Persistence;
using ClusterSip.Callstore.Store;

namespace ClusterSip.Callstore.Bench;

/// <summary>
/// Recovers a group's journal the way its store does (latest snapshot, then the batches after it, applied to a
/// <see cref="CallBook"/>) without ever writing, and reports what it read once recovery completes.
/// </summary>
public sealed class ReplayProbe(string persistenceId, TaskCompletionSource<ReplayProbe.Replayed> done) : UntypedPersistentActor
{
    private CallBook _book = new();
    private int _snapshotEvents;
    private long _events;
    private long _rows;

    public override string PersistenceId { get; } = persistenceId;

    public static Akka.Actor.Props Props(string persistenceId, TaskCompletionSource<Replayed> done) =>
        Akka.Actor.Props.Create(() => new ReplayProbe(persistenceId, done));

    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer { Snapshot: StoreSnapshot snapshot }:
                _book = CallBook.FromSnapshot(snapshot, keepForCdr: true);
                _snapshotEvents = snapshot.Events.Count;
                break;
            case EventBatch batch:
                foreach (var e in batch.Events) _book.Apply(e, keepForCdr: true);
                _events += batch.Events.Count;
                _rows++;
                break;
            case RecoveryCompleted:
                done.TrySetResult(new Replayed(_snapshotEvents, _events, _rows, _book.ActiveCount));
                Context.Stop(Self);
                break;
        }
    }

    protected override void OnCommand(object message) => Unhandled(message);

    /// <param name="SnapshotEvents">Events in the snapshot recovery started from (0 without one).</param>
    /// <param name="JournalEvents">Events in the journal rows after it.</param>
    public sealed record Replayed(int SnapshotEvents, long JournalEvents, long Rows, int ActiveCalls);
}
