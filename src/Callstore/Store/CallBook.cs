using ClusterSip.CallEvents;

namespace ClusterSip.Callstore.Store;

/// <summary>A call's events so far (in sequence order) and the state they left it in.</summary>
public sealed record CallRecord(IReadOnlyList<CallEvent> Events, CallState State)
{
    public CallEvent Latest => Events[^1];

    public CallEvent First => Events[0];
}

/// <summary>A call that ended: its last sequence number, kept so that a late repeat of any of its events is recognised.</summary>
public sealed record EndedCall(string CallId, long LastSequence);

/// <summary>
/// The state of a group's store, built only from journaled events (and snapshots): the active calls with their
/// events, the ended calls whose CDR is not yet known to be written, and the most recently ended calls.
/// </summary>
public sealed class CallBook
{
    /// <summary>
    /// How many ended calls are remembered for duplicate detection. A dialog repeats an event only until it is
    /// acknowledged, seconds at most, so this covers far more than the calls that can end in that time.
    /// </summary>
    public const int RememberedEndedCalls = 65_536;

    /// <summary>
    /// How many of the most recently ended calls a snapshot keeps. After a takeover the repeats that matter come from
    /// dialogs whose acknowledgement the crash lost: their calls ended just before it, so they are in the journal
    /// replayed after the snapshot or among the last calls the snapshot names. Keeping all 65,536 made every snapshot
    /// megabytes, taken every second at 2,000 calls/s (each a large-object allocation, and a blocking collection).
    /// </summary>
    public const int SnapshotEndedCalls = 8_192;

    private readonly Dictionary<string, CallRecord> _active = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<CallEvent>> _cdrPending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _ended = new(StringComparer.Ordinal);
    private readonly Queue<string> _endedOrder = new();

    public int ActiveCount => _active.Count;

    public IEnumerable<CallRecord> Active => _active.Values;

    /// <summary>Ended calls whose CDR has not been confirmed written, each with its events.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<CallEvent>> CdrPending => _cdrPending;

    /// <summary>The highest sequence accepted for the call and whether the call has ended; (0, false) for an unknown call.</summary>
    public (long Last, bool Ended) Progress(string callId) =>
        _active.TryGetValue(callId, out var call) ? (call.Latest.Sequence, false)
        : _ended.TryGetValue(callId, out var last) ? (last, true)
        : (0, false);

    public CallRecord? Find(string callId) => _active.GetValueOrDefault(callId);

    /// <summary>Adds an accepted event; returns the call's events when it ended the call.</summary>
    public IReadOnlyList<CallEvent>? Apply(CallEvent e, bool keepForCdr)
    {
        var events = _active.TryGetValue(e.CallId, out var call) ? [.. call.Events, e] : new List<CallEvent> { e };
        if (e is CallReleased or CallFailed)
        {
            _active.Remove(e.CallId);
            Remember(e.CallId, e.Sequence);
            if (keepForCdr) _cdrPending[e.CallId] = events;
            return events;
        }
        _active[e.CallId] = new CallRecord(events, Next(call?.State, e));
        return null;
    }

    public void CdrWritten(string callId) => _cdrPending.Remove(callId);

    /// <summary>The book as a snapshot taken after the event at <paramref name="offset"/>.</summary>
    public StoreSnapshot ToSnapshot(long offset) => new(
        offset,
        _active.Values.SelectMany(c => c.Events).Concat(_cdrPending.Values.SelectMany(e => e)).ToList(),
        _endedOrder.Skip(Math.Max(0, _endedOrder.Count - SnapshotEndedCalls))
            .Where(id => !_cdrPending.ContainsKey(id)).Select(id => new EndedCall(id, _ended[id])).ToList());

    public static CallBook FromSnapshot(StoreSnapshot snapshot, bool keepForCdr)
    {
        var book = new CallBook();
        foreach (var ended in snapshot.Ended) book.Remember(ended.CallId, ended.LastSequence);
        foreach (var e in snapshot.Events) book.Apply(e, keepForCdr);
        return book;
    }

    private void Remember(string callId, long lastSequence)
    {
        if (_ended.TryAdd(callId, lastSequence)) _endedOrder.Enqueue(callId);
        while (_endedOrder.Count > RememberedEndedCalls) _ended.Remove(_endedOrder.Dequeue());
    }

    private static CallState Next(CallState? current, CallEvent e) => e switch
    {
        CallAnswered or CallRetrieved => CallState.Established,
        CallHeld => CallState.Held,
        CallRinging when current is null or CallState.Dialing => CallState.Ringing,
        _ => current ?? CallState.Dialing,
    };
}
