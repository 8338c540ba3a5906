using System.Collections.Concurrent;

namespace ClusterSip.Callstore;

/// <summary>The callstore's statistics on this node (GET /statistics/callstore): counters of the group stores active here.</summary>
public sealed class CallstoreStatistics
{
    private readonly ConcurrentDictionary<int, int> _activeCalls = new();
    private long _eventsAccepted;
    private long _duplicatesDropped;
    private long _cdrsWritten;
    private long _deadDialogsClosed;
    private long _handovers;

    public long ActiveCalls => _activeCalls.Values.Sum();

    public long EventsAccepted => Interlocked.Read(ref _eventsAccepted);

    public long DuplicatesDropped => Interlocked.Read(ref _duplicatesDropped);

    public long CdrsWritten => Interlocked.Read(ref _cdrsWritten);

    public long DeadDialogsClosed => Interlocked.Read(ref _deadDialogsClosed);

    /// <summary>Times a group became active on this node over a journal another instance (or an earlier run) wrote.</summary>
    public long Handovers => Interlocked.Read(ref _handovers);

    internal void SetActiveCalls(int group, int count) => _activeCalls[group] = count;

    internal void ClearActiveCalls(int group) => _activeCalls.TryRemove(group, out _);

    internal void EventAccepted() => Interlocked.Increment(ref _eventsAccepted);

    internal void DuplicateDropped() => Interlocked.Increment(ref _duplicatesDropped);

    internal void CdrWritten() => Interlocked.Increment(ref _cdrsWritten);

    internal void DeadDialogClosed() => Interlocked.Increment(ref _deadDialogsClosed);

    internal void HandedOver() => Interlocked.Increment(ref _handovers);

    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>
    {
        ["active_calls"] = ActiveCalls,
        ["events_accepted"] = EventsAccepted,
        ["duplicates_dropped"] = DuplicatesDropped,
        ["cdrs_written"] = CdrsWritten,
        ["dead_dialogs_closed"] = DeadDialogsClosed,
        ["handovers"] = Handovers,
    };

    /// <summary>Zeroes the counters; active_calls is a level, not a counter, and stays.</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _eventsAccepted, 0);
        Interlocked.Exchange(ref _duplicatesDropped, 0);
        Interlocked.Exchange(ref _cdrsWritten, 0);
        Interlocked.Exchange(ref _deadDialogsClosed, 0);
        Interlocked.Exchange(ref _handovers, 0);
    }
}
