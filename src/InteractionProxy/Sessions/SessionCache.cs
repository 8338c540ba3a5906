namespace ClusterSip.InteractionProxy.Sessions;

/// <summary>
/// The lines a session sent, kept for a resume: numbered by SequenceId, bounded by count (the oldest go first) and
/// by age. Numbering goes on across resets, so a SequenceId names one line for the session's whole life. Times are
/// milliseconds of a monotonic clock (<see cref="Environment.TickCount64"/>: a line costs one reading, and the cheap one).
/// Every line held counts against the node's <see cref="CacheBudget"/>.
/// </summary>
public sealed class SessionCache(int maxEvents, TimeSpan maxAge, CacheBudget budget)
{
    private readonly long _maxAgeMs = (long)maxAge.TotalMilliseconds;
    private readonly Queue<CachedLine> _lines = new();

    public long LastSequence { get; private set; }

    public int Count => _lines.Count;

    /// <summary>Numbers a line with the next SequenceId, keeps it and returns it.</summary>
    public byte[] Add(Func<long, byte[]> write, long nowMs)
    {
        var line = write(++LastSequence);
        _lines.Enqueue(new CachedLine(LastSequence, nowMs, line));
        budget.Took(1);
        while (_lines.Count > maxEvents) DropOldest();
        Trim(nowMs);
        return line;
    }

    /// <summary>Gives up the lines older than the age bound, and the oldest while the node is over its budget and this cache over its share.</summary>
    public void Trim(long nowMs)
    {
        while (_lines.TryPeek(out var first) && nowMs - first.TimeMs > _maxAgeMs) DropOldest();
        while (_lines.Count > 0 && budget.OverShare(_lines.Count)) DropOldest();
    }

    public void Clear()
    {
        budget.Released(_lines.Count);
        _lines.Clear();
    }

    private void DropOldest()
    {
        _lines.Dequeue();
        budget.Released(1);
    }

    /// <summary>
    /// The lines after <paramref name="sequence"/> (all of them when null); null when the cache no longer holds every
    /// line after it, or the session never sent that SequenceId.
    /// </summary>
    public IReadOnlyList<byte[]>? After(long? sequence)
    {
        if (sequence is not { } after) return _lines.Select(l => l.Line).ToList();
        var oldestHeld = LastSequence - _lines.Count + 1;
        if (after > LastSequence || after < oldestHeld - 1) return null;
        return _lines.Where(l => l.Sequence > after).Select(l => l.Line).ToList();
    }

    private readonly record struct CachedLine(long Sequence, long TimeMs, byte[] Line);
}
