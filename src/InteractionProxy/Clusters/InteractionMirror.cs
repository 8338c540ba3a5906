using ClusterSip.CallEvents;
using ClusterSip.InteractionProxy.Interactions;

namespace ClusterSip.InteractionProxy.Clusters;

/// <summary>
/// An active call as a client cluster knows it: its callstore group, last event and state, and the epoch and offset
/// under which that event was published (a snapshot's, for a call taken from one).
/// </summary>
public sealed record MirroredCall(int Group, CallEvent Latest, CallState State, long Epoch, long Offset);

/// <summary>
/// A step of a call that clients must see: a live event (<paramref name="State"/> null once the call ended), or with
/// <paramref name="Resynced"/> a call whose state was caught up from a snapshot after events were missed.
/// </summary>
public sealed record MirrorChange(CallEvent Event, CallState? State, bool Resynced);

/// <summary>What applying an accepted event or a snapshot did; <paramref name="ResyncGroup"/> asks for that group's snapshot.</summary>
public sealed record MirrorUpdate(IReadOnlyList<MirrorChange> Changes, int? ResyncGroup)
{
    public static readonly MirrorUpdate None = new([], null);
}

/// <summary>
/// The active calls of every callstore group, kept from each group's <see cref="ActiveCallsSnapshot"/> and then its
/// <see cref="AcceptedCallEvent"/>s in offset order. Events of a group that is waiting for its snapshot are held and
/// those at or below the snapshot's offset dropped, so nothing is lost or doubled; an offset that skips ahead means
/// events were missed, and an event of another epoch (a new active instance, whose offsets may repeat ones its
/// predecessor published) means the offsets no longer compare: either way the group waits for a new snapshot. A
/// call's events that arrive again (its dialog resent them to the new instance) are dropped by their sequence number.
/// </summary>
public sealed class InteractionMirror(int expectedGroups)
{
    private readonly Dictionary<int, GroupFeed> _feeds = new();
    private readonly Dictionary<string, MirroredCall> _calls = new(StringComparer.Ordinal);
    private readonly List<AcceptedCallEvent> _early = new();
    private readonly RecentlyEnded _ended = new(RecentlyEndedCapacity);

    /// <summary>
    /// How many ended calls are remembered, so that an end a predecessor published but never journaled is not undone by
    /// a snapshot, nor shown twice when the call's dialog sends it again: more than end within one handover.
    /// </summary>
    public const int RecentlyEndedCapacity = 4096;

    /// <summary>Every expected group has answered once.</summary>
    public bool Started { get; private set; } = expectedGroups == 0;

    public IReadOnlyCollection<MirroredCall> Calls => _calls.Values;

    public int Count => _calls.Count;

    public MirrorUpdate Apply(AcceptedCallEvent accepted)
    {
        if (!_feeds.TryGetValue(accepted.Group, out var feed))
        {
            if (!Started)
            {
                _early.Add(accepted);
                return MirrorUpdate.None;
            }
            // A group that no snapshot covered (none was configured): its stream starts here.
            feed = _feeds[accepted.Group] = new GroupFeed { Epoch = accepted.Epoch, Offset = accepted.Offset - 1 };
        }

        if (feed.Held is not null)
        {
            feed.Held.Add(accepted);
            return MirrorUpdate.None;
        }
        if (accepted.Epoch == feed.Epoch && accepted.Offset <= feed.Offset) return MirrorUpdate.None;
        if (accepted.Epoch != feed.Epoch || accepted.Offset > feed.Offset + 1)
        {
            feed.Held = [accepted];
            return new MirrorUpdate([], accepted.Group);
        }

        feed.Offset = accepted.Offset;
        return new MirrorUpdate(Step(accepted) is { } change ? [change] : [], null);
    }

    /// <summary>Takes a group's snapshot: the first one, or the one that catches up after a gap.</summary>
    public MirrorUpdate Apply(ActiveCallsSnapshot snapshot)
    {
        var changes = new List<MirrorChange>();
        if (_feeds.TryGetValue(snapshot.Group, out var feed))
        {
            if (feed.Held is null || (snapshot.Epoch == feed.Epoch && snapshot.Offset < feed.Offset)) return MirrorUpdate.None;
            changes.AddRange(CatchUp(snapshot));
        }
        else
        {
            feed = _feeds[snapshot.Group] = new GroupFeed();
            foreach (var call in snapshot.Calls)
            {
                _calls[call.Latest.CallId] = new MirroredCall(snapshot.Group, call.Latest, call.State, snapshot.Epoch, snapshot.Offset);
            }
            feed.Held = _early.Where(e => e.Group == snapshot.Group).ToList();
            _early.RemoveAll(e => e.Group == snapshot.Group);
        }

        (feed.Epoch, feed.Offset) = (snapshot.Epoch, snapshot.Offset);
        var held = feed.Held!;
        feed.Held = null;
        int? resync = null;
        // Held events of another epoch are dropped: the snapshot comes from the group's active instance, so they are
        // either from a predecessor (their calls' dialogs resend them to this one) or from a successor, whose next
        // event starts another catch-up.
        foreach (var accepted in held.Where(e => e.Epoch == snapshot.Epoch).OrderBy(e => e.Offset))
        {
            var update = Apply(accepted);
            changes.AddRange(update.Changes);
            resync ??= update.ResyncGroup;
        }

        if (!Started && _feeds.Count >= expectedGroups)
        {
            Started = true;
            foreach (var accepted in _early.ToList())
            {
                _early.Remove(accepted);
                var update = Apply(accepted);
                changes.AddRange(update.Changes);
                resync ??= update.ResyncGroup;
            }
        }
        return new MirrorUpdate(changes, resync);
    }

    /// <summary>Whether a group waits for a snapshot (the first one, or one after a gap).</summary>
    public bool Waiting => !Started || _feeds.Values.Any(f => f.Held is not null);

    public MirroredCall? Find(string callId) => _calls.GetValueOrDefault(callId);

    private MirrorChange? Step(AcceptedCallEvent accepted)
    {
        var e = accepted.Event;
        var before = _calls.GetValueOrDefault(e.CallId);
        if (before is not null && e.Sequence <= before.Latest.Sequence) return null;
        if (before is null && _ended.Covers(e.CallId, e.Sequence)) return null;
        var state = TLibraryEvents.StateAfter(e, before?.State);
        if (state is { } active) _calls[e.CallId] = new MirroredCall(accepted.Group, e, active, accepted.Epoch, accepted.Offset);
        else End(e);
        return new MirrorChange(e, state, Resynced: false);
    }

    /// <summary>
    /// Calls of the group that changed while its events were missed; calls that ended meanwhile are dropped. A call
    /// last seen in an earlier epoch above the offset the snapshot's instance took over at was published but never
    /// journaled: it is kept, since its dialog sends those events again.
    /// </summary>
    private IEnumerable<MirrorChange> CatchUp(ActiveCallsSnapshot snapshot)
    {
        var active = snapshot.Calls.ToDictionary(c => c.Latest.CallId, StringComparer.Ordinal);
        foreach (var gone in _calls.Values.Where(c => c.Group == snapshot.Group && !active.ContainsKey(c.Latest.CallId)).ToList())
        {
            if (gone.Epoch != snapshot.Epoch && gone.Offset > snapshot.Since) continue;
            End(gone.Latest);
            yield return new MirrorChange(gone.Latest, null, Resynced: true);
        }
        foreach (var call in snapshot.Calls)
        {
            var known = _calls.GetValueOrDefault(call.Latest.CallId);
            if (known is not null && known.Latest.Sequence >= call.Latest.Sequence) continue;
            if (known is null && _ended.Covers(call.Latest.CallId, call.Latest.Sequence)) continue;
            _calls[call.Latest.CallId] = new MirroredCall(snapshot.Group, call.Latest, call.State, snapshot.Epoch, snapshot.Offset);
            yield return new MirrorChange(call.Latest, call.State, Resynced: true);
        }
    }

    private void End(CallEvent last)
    {
        _calls.Remove(last.CallId);
        _ended.Add(last.CallId, last.Sequence);
    }

    private sealed class GroupFeed
    {
        public long Epoch { get; set; }

        public long Offset { get; set; }

        /// <summary>Events held while the group waits for its snapshot; null while it follows the stream.</summary>
        public List<AcceptedCallEvent>? Held { get; set; }
    }
}
