using Akka.Actor;
using Akka.Event;

namespace ClusterSip.Callstore.Cdr;

/// <summary>
/// Writes a group's CDRs, one transaction at a time: the CDRs that arrive while a write is in flight go out together
/// in the next one (up to <see cref="MaxBatch"/>), so a busy group makes few large transactions instead of one
/// transaction per call that would fight over the database's write lock. After a write the next waits
/// <see cref="PaceInterval"/> unless a full batch is pending: a steady trickle of CDRs then makes a few transactions a
/// second instead of one after another, each taking SQLite's write lock (and a sync) from the journal, whose commits
/// gate every acknowledgement and publication. Each CDR written is told to the parent as
/// <see cref="CdrStored"/>; a failed write is logged and retried with the same CDRs after <see cref="RetryInterval"/>.
/// </summary>
public sealed class CdrWriter : ReceiveActor, IWithTimers
{
    public const int MaxBatch = 500;

    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan PaceInterval = TimeSpan.FromMilliseconds(200);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private List<CallDetailRecord> _pending = [];
    private bool _writing;

    public CdrWriter(CdrStore store, bool sorm3)
    {
        Receive<WriteCdr>(write =>
        {
            _pending.Add(write.Cdr);
            Flush(store, sorm3);
        });
        Receive<BatchWritten>(written =>
        {
            _writing = false;
            foreach (var cdr in written.Batch) Context.Parent.Tell(new CdrStored(cdr, written.Inserted.Contains(cdr.CallId)));
            Timers.StartSingleTimer(Pace.Instance, Pace.Instance, PaceInterval);
            Flush(store, sorm3);
        });
        Receive<BatchFailed>(failed =>
        {
            _writing = false;
            _log.Error(failed.Cause, "writing {0} CDRs (calls {1}{2}) failed; retrying in {3}", failed.Batch.Count,
                string.Join(", ", failed.Batch.Take(3).Select(c => c.CallId)), failed.Batch.Count > 3 ? ", ..." : "", RetryInterval);
            _pending = [.. failed.Batch, .. _pending];
            Timers.StartSingleTimer(Retry.Instance, Retry.Instance, RetryInterval);
        });
        Receive<Retry>(_ => Flush(store, sorm3));
        Receive<Pace>(_ => Flush(store, sorm3));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(CdrStore store, bool sorm3) => Akka.Actor.Props.Create(() => new CdrWriter(store, sorm3));

    private void Flush(CdrStore store, bool sorm3)
    {
        if (_writing || _pending.Count == 0 || Timers.IsTimerActive(Retry.Instance)) return;
        if (Timers.IsTimerActive(Pace.Instance) && _pending.Count < MaxBatch) return;
        Timers.Cancel(Pace.Instance);
        _writing = true;
        var batch = _pending.Take(MaxBatch).ToList();
        _pending = _pending.Skip(batch.Count).ToList();
        // Off the actor's thread: a provider may complete database calls synchronously (SQLite does, and waits on locks).
        Task.Run(() => store.WriteAsync(batch, sorm3)).ContinueWith(
            t => t.IsCompletedSuccessfully ? new BatchWritten(batch, t.Result) : (object)new BatchFailed(batch, t.Exception!.GetBaseException()),
            TaskScheduler.Default).PipeTo(Self);
    }

    private sealed record BatchWritten(IReadOnlyList<CallDetailRecord> Batch, IReadOnlySet<string> Inserted);

    private sealed record BatchFailed(IReadOnlyList<CallDetailRecord> Batch, Exception Cause);

    private sealed record Retry
    {
        public static readonly Retry Instance = new();
    }

    private sealed record Pace
    {
        public static readonly Pace Instance = new();
    }
}

/// <summary>Asks the <see cref="CdrWriter"/> to write a CDR.</summary>
public sealed record WriteCdr(CallDetailRecord Cdr);

/// <summary>A CDR is in the database; <paramref name="Inserted"/> false when it was there already (written before a crash).</summary>
public sealed record CdrStored(CallDetailRecord Cdr, bool Inserted);
