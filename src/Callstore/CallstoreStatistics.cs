using System.Collections.Concurrent;

namespace ClusterSip.Callstore;

/// <summary>
/// The callstore's statistics on this node (GET /statistics/callstore): counters of the group stores active here.
/// The counters only grow (they are exported as such on /metrics); a reset moves the baseline the statistics
/// group subtracts.
/// </summary>
public sealed class CallstoreStatistics
{
    private const int EventsAccepted = 0, DuplicatesDropped = 1, CdrsWritten = 2, DeadDialogsClosed = 3, Handovers = 4;

    private static readonly string[] Names = ["events_accepted", "duplicates_dropped", "cdrs_written", "dead_dialogs_closed", "handovers"];

    private readonly ConcurrentDictionary<int, int> _activeCalls = new();
    private readonly long[] _totals = new long[Names.Length];
    private readonly long[] _baseline = new long[Names.Length];

    public long ActiveCalls => _activeCalls.Values.Sum();

    /// <summary>The counters since the node started, by statistic name (handovers: times a group became active on this
    /// node over a journal another instance, or an earlier run, wrote).</summary>
    public IReadOnlyDictionary<string, long> Totals() => Names.Select((name, i) => (name, Interlocked.Read(ref _totals[i]))).ToDictionary(x => x.name, x => x.Item2);

    internal void SetActiveCalls(int group, int count) => _activeCalls[group] = count;

    internal void ClearActiveCalls(int group) => _activeCalls.TryRemove(group, out _);

    internal void EventAccepted() => Interlocked.Increment(ref _totals[EventsAccepted]);

    internal void DuplicateDropped() => Interlocked.Increment(ref _totals[DuplicatesDropped]);

    internal void CdrWritten() => Interlocked.Increment(ref _totals[CdrsWritten]);

    internal void DeadDialogClosed() => Interlocked.Increment(ref _totals[DeadDialogsClosed]);

    internal void HandedOver() => Interlocked.Increment(ref _totals[Handovers]);

    /// <summary>active_calls, then each counter since the last reset.</summary>
    public IReadOnlyDictionary<string, long> Snapshot()
    {
        var result = new Dictionary<string, long> { ["active_calls"] = ActiveCalls };
        for (var i = 0; i < Names.Length; i++) result[Names[i]] = Interlocked.Read(ref _totals[i]) - Interlocked.Read(ref _baseline[i]);
        return result;
    }

    /// <summary>Zeroes the counters as the statistics group shows them; active_calls is a level and stays.</summary>
    public void Reset()
    {
        for (var i = 0; i < Names.Length; i++) Interlocked.Exchange(ref _baseline[i], Interlocked.Read(ref _totals[i]));
    }
}
