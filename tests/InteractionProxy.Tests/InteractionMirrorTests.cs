using ClusterSip.CallEvents;
using ClusterSip.InteractionProxy.Clusters;
using ClusterSip.InteractionProxy.Tests.Support;

namespace ClusterSip.InteractionProxy.Tests;

/// <summary>
/// The mirror across a handover of the callstore group: the old instance (epoch 1) published events before journaling
/// them, died, and the new one (epoch 2) continues from what was journaled, reusing offsets; the dialogs send the
/// unjournaled events again.
/// </summary>
public sealed class InteractionMirrorTests
{
    private const int Group = 1;
    private const long Old = 1, New = 2;

    [Fact]
    public void Events_published_but_never_journaled_by_the_old_instance_are_neither_lost_nor_shown_twice()
    {
        var mirror = Started(Old);
        var (kept, unjournaled) = (new TestCall("c-kept"), new TestCall("c-unjournaled"));
        var keptInitiated = kept.Initiated();
        Assert.Single(mirror.Apply(Accepted(keptInitiated, Old, 1)).Changes);
        var keptRinging = kept.Ringing();
        Assert.Single(mirror.Apply(Accepted(keptRinging, Old, 2)).Changes);
        var unjournaledInitiated = unjournaled.Initiated();
        Assert.Single(mirror.Apply(Accepted(unjournaledInitiated, Old, 3)).Changes);

        // The new instance recovered offset 1 only; its first event reuses offset 2.
        var other = new TestCall("c-other");
        var otherInitiated = other.Initiated();
        var update = mirror.Apply(Accepted(otherInitiated, New, 2));
        Assert.Equal((0, (int?)Group), (update.Changes.Count, update.ResyncGroup));

        var caughtUp = mirror.Apply(Snapshot(New, offset: 2, since: 1, (keptInitiated, CallState.Dialing), (otherInitiated, CallState.Dialing)));
        var change = Assert.Single(caughtUp.Changes);
        Assert.Equal(("c-other", true), (change.Event.CallId, change.Resynced));
        Assert.Null(caughtUp.ResyncGroup);
        Assert.Equal(3, mirror.Count);

        // The dialogs send what was not journaled again: already shown, so nothing new.
        Assert.Empty(mirror.Apply(Accepted(keptRinging, New, 3)).Changes);
        Assert.Empty(mirror.Apply(Accepted(unjournaledInitiated, New, 4)).Changes);
        var next = Assert.Single(mirror.Apply(Accepted(kept.Answered(), New, 5)).Changes);
        Assert.Equal((CallState?)CallState.Established, next.State);
    }

    [Fact]
    public void An_end_published_but_never_journaled_is_not_undone_by_the_new_instances_snapshot_nor_shown_twice()
    {
        var mirror = Started(Old);
        var call = new TestCall("c-1");
        var initiated = call.Initiated();
        mirror.Apply(Accepted(initiated, Old, 1));
        var released = call.Released();
        var end = Assert.Single(mirror.Apply(Accepted(released, Old, 2)).Changes);
        Assert.Null(end.State);

        var otherInitiated = new TestCall("c-2").Initiated();
        Assert.Equal(Group, mirror.Apply(Accepted(otherInitiated, New, 2)).ResyncGroup);
        var caughtUp = mirror.Apply(Snapshot(New, offset: 2, since: 1, (initiated, CallState.Dialing), (otherInitiated, CallState.Dialing)));

        Assert.Equal("c-2", Assert.Single(caughtUp.Changes).Event.CallId);
        Assert.Null(mirror.Find("c-1"));
        Assert.Empty(mirror.Apply(Accepted(released, New, 3)).Changes);
    }

    [Fact]
    public void A_call_the_new_instances_snapshot_lacks_though_the_old_one_journaled_it_ended_meanwhile()
    {
        var mirror = Started(Old);
        mirror.Apply(Accepted(new TestCall("c-journaled").Initiated(), Old, 1));

        Assert.Equal(Group, mirror.Apply(Accepted(new TestCall("c-new").Initiated(), New, 3)).ResyncGroup);
        var caughtUp = mirror.Apply(Snapshot(New, offset: 3, since: 1));

        var gone = Assert.Single(caughtUp.Changes);
        Assert.Equal(("c-journaled", true, (CallState?)null), (gone.Event.CallId, gone.Resynced, gone.State));
        Assert.Equal(0, mirror.Count);
    }

    [Fact]
    public void A_late_snapshot_of_the_epoch_already_followed_past_its_offset_is_ignored()
    {
        var mirror = Started(Old);
        var call = new TestCall("c-1");
        mirror.Apply(Accepted(call.Initiated(), Old, 1));
        mirror.Apply(Accepted(call.Ringing(), Old, 2));
        Assert.Equal(Group, mirror.Apply(Accepted(call.Answered(), Old, 5)).ResyncGroup);

        Assert.Empty(mirror.Apply(Snapshot(Old, offset: 1, since: 0)).Changes);
        Assert.True(mirror.Waiting);
    }

    [Fact]
    public void Recently_ended_calls_are_forgotten_oldest_first_beyond_the_capacity()
    {
        var ended = new RecentlyEnded(2);
        ended.Add("a", 4);
        ended.Add("b", 3);
        ended.Add("a", 5);
        Assert.True(ended.Covers("a", 5));
        Assert.False(ended.Covers("a", 6));

        ended.Add("c", 2);

        Assert.Equal(2, ended.Count);
        Assert.False(ended.Covers("a", 1));
        Assert.True(ended.Covers("b", 3));
    }

    private static InteractionMirror Started(long epoch)
    {
        var mirror = new InteractionMirror(expectedGroups: 1);
        mirror.Apply(Snapshot(epoch, offset: 0, since: 0));
        Assert.True(mirror.Started);
        return mirror;
    }

    private static AcceptedCallEvent Accepted(CallEvent e, long epoch, long offset) => new(e, Group, offset) { Epoch = epoch };

    private static ActiveCallsSnapshot Snapshot(long epoch, long offset, long since, params (CallEvent Latest, CallState State)[] calls) =>
        new(Group, offset, calls.Select(c => new ActiveCall(c.Latest, c.State)).ToList()) { Epoch = epoch, Since = since };
}
