using ClusterSip.Callstore.Store;
using ClusterSip.Callstore.Tests.Support;

namespace ClusterSip.Callstore.Tests;

public sealed class CallBookTests
{
    [Fact]
    public void A_snapshot_names_only_the_most_recently_ended_calls_and_a_book_restored_from_it_still_knows_them()
    {
        var book = new CallBook();
        const int ended = CallBook.SnapshotEndedCalls + 1000;
        for (var i = 0; i < ended; i++)
        {
            foreach (var e in new Calls($"c-{i}", "example.com", "n1", DateTimeOffset.UtcNow).Answered(talkSeconds: 1)) book.Apply(e, keepForCdr: false);
        }
        var active = new Calls("c-active", "example.com", "n1", DateTimeOffset.UtcNow);
        book.Apply(active.Initiated(), keepForCdr: false);

        var snapshot = book.ToSnapshot(offset: 42);

        Assert.Equal(42, snapshot.Offset);
        Assert.Equal(CallBook.SnapshotEndedCalls, snapshot.Ended.Count);
        Assert.Equal($"c-{ended - 1}", snapshot.Ended[^1].CallId);
        Assert.Equal("c-1000", snapshot.Ended[0].CallId);
        var restored = CallBook.FromSnapshot(snapshot, keepForCdr: false);
        Assert.Equal((5L, true), restored.Progress($"c-{ended - 1}"));
        Assert.Equal((1L, false), restored.Progress("c-active"));
        Assert.Equal((0L, false), restored.Progress("c-0"));
        // In memory the book remembers far more than a snapshot carries.
        Assert.Equal((5L, true), book.Progress("c-0"));
    }
}
