using ClusterSip.CallEvents;
using ClusterSip.InteractionProxy.Interactions;

namespace ClusterSip.InteractionProxy.Clusters;

/// <summary>An active call as a client cluster knows it: its callstore group, last event and state.</summary>
public sealed record MirroredCall(int Group, CallEvent Latest, CallState State);

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
/// events were missed, and the group waits for a new snapshot.
/// </summary>
public sealed class InteractionMirror(int expectedGroups)
{
    private readonly Dictionary<int, GroupFeed> _feeds = new();
    private readonly Dictionary<string, MirroredCall> _calls = new(StringComparer.Ordinal);
    private readonly List<AcceptedCallEvent> _early = new();

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
            feed = _feeds[accepted.Group] = new GroupFeed { Offset = accepted.Offset - 1 };
        }

        if (feed.Held is not null)
        {
            feed.Held.Add(accepted);
            return MirrorUpdate.None;
        }
        if (accepted.Offset <= feed.Offset) return MirrorUpdate.None;
        if (accepted.Offset > feed.Offset + 1)
        {
            feed.Held = [accepted];
            return new MirrorUpdate([], accepted.Group);
        }

        feed.Offset = accepted.Offset;
        return new MirrorUpdate(Step(accepted.Group, accepted.Event) is { } change ? [change] : [], null);
    }

    /// <summary>Takes a group's snapshot: the first one, or the one that catches up after a gap.</summary>
    public MirrorUpdate Apply(ActiveCallsSnapshot snapshot)
    {
        var changes = new List<MirrorChange>();
        if (_feeds.TryGetValue(snapshot.Group, out var feed))
        {
            if (feed.Held is null || snapshot.Offset < feed.Offset) return MirrorUpdate.None;
            changes.AddRange(CatchUp(snapshot));
        }
        else
        {
            feed = _feeds[snapshot.Group] = new GroupFeed();
            foreach (var call in snapshot.Calls)
            {
                _calls[call.Latest.CallId] = new MirroredCall(snapshot.Group, call.Latest, call.State);
            }
            feed.Held = _early.Where(e => e.Group == snapshot.Group).ToList();
            _early.RemoveAll(e => e.Group == snapshot.Group);
        }

        feed.Offset = snapshot.Offset;
        var held = feed.Held!;
        feed.Held = null;
        int? resync = null;
        foreach (var accepted in held.OrderBy(e => e.Offset))
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

    private MirrorChange? Step(int group, CallEvent e)
    {
        var before = _calls.GetValueOrDefault(e.CallId);
        if (before is not null && e.Sequence <= before.Latest.Sequence) return null;
        var state = TLibraryEvents.StateAfter(e, before?.State);
        if (state is { } active) _calls[e.CallId] = new MirroredCall(group, e, active);
        else _calls.Remove(e.CallId);
        return new MirrorChange(e, state, Resynced: false);
    }

    /// <summary>Calls of the group that changed while its events were missed; calls that ended meanwhile are dropped.</summary>
    private IEnumerable<MirrorChange> CatchUp(ActiveCallsSnapshot snapshot)
    {
        var active = snapshot.Calls.ToDictionary(c => c.Latest.CallId, StringComparer.Ordinal);
        foreach (var gone in _calls.Values.Where(c => c.Group == snapshot.Group && !active.ContainsKey(c.Latest.CallId)).ToList())
        {
            _calls.Remove(gone.Latest.CallId);
            yield return new MirrorChange(gone.Latest, null, Resynced: true);
        }
        foreach (var call in snapshot.Calls)
        {
            var known = _calls.GetValueOrDefault(call.Latest.CallId);
            if (known is not null && known.Latest.Sequence >= call.Latest.Sequence) continue;
            _calls[call.Latest.CallId] = new MirroredCall(snapshot.Group, call.Latest, call.State);
            yield return new MirrorChange(call.Latest, call.State, Resynced: true);
        }
    }

    private sealed class GroupFeed
    {
        public long Offset { get; set; }

        /// <summary>Events held while the group waits for its snapshot; null while it follows the stream.</summary>
        public List<AcceptedCallEvent>? Held { get; set; }
    }
}
