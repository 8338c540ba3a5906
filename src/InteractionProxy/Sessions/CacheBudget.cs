namespace ClusterSip.InteractionProxy.Sessions;

/// <summary>
/// The lines all sessions of one node keep together, bounded by <c>cache-max-total-events</c>: per-session bounds alone
/// let a thousand sessions hold a thousand full caches. Over the bound, each session holding more than an even share
/// gives up its oldest lines (at its next event, or at its next trim tick while it gets none); a client whose lines
/// went asks for a SequenceId the cache no longer holds and gets a reset with a snapshot, so nothing is lost.
/// </summary>
public sealed class CacheBudget(long limit)
{
    private long _held;
    private int _sessions;

    public long Held => Volatile.Read(ref _held);

    public void SessionStarted() => Interlocked.Increment(ref _sessions);

    public void SessionStopped() => Interlocked.Decrement(ref _sessions);

    public void Took(int lines) => Interlocked.Add(ref _held, lines);

    public void Released(int lines) => Interlocked.Add(ref _held, -lines);

    /// <summary>Whether a session holding <paramref name="lines"/> should give up its oldest one now.</summary>
    public bool OverShare(int lines) => Volatile.Read(ref _held) > limit && lines > limit / Math.Max(1, Volatile.Read(ref _sessions));
}
