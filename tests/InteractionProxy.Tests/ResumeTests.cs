using ClusterSip.InteractionProxy.Tests.Support;
using Xunit.Abstractions;

namespace ClusterSip.InteractionProxy.Tests;

public sealed class ResumeTests(ITestOutputHelper output) : ProxyTest(output)
{
    protected override ProxySettings Settings => ProxyNode.Settings(s => s with { CacheMaxEvents = 8, DisconnectGrace = TimeSpan.FromMinutes(1) });

    [Fact]
    public async Task Reconnecting_with_a_SequenceId_resends_what_followed_it_then_live_events_without_gap_or_duplicate()
    {
        var call = new TestCall("c-1");
        using (var first = await ConnectAsync())
        {
            await first.RegisterAsync("crm", "node-1", "s-resume");
            await first.ReadSnapshotAsync();
            await PublishAsync(call.Initiated(), call.Ringing());
            Assert.Equal([2L, 3L], (await first.ReadAsync(2)).Select(l => l.Sequence()));
        }
        await AwaitDisconnectedAsync("s-resume");
        await PublishAsync(call.Answered(), call.Held());

        using var second = await ConnectAsync();
        var ack = await second.RegisterAsync("crm", "node-1", "s-resume", r => r with { SequenceId = 3 });
        Assert.Equal("resume", ack.Status());
        Assert.Equal(5, ack.EventsInCache());
        var replayed = await second.ReadAsync(2);
        Assert.Equal(["EventEstablished", "EventHeld"], replayed.Select(l => l.Name()));
        Assert.Equal([4L, 5L], replayed.Select(l => l.Sequence()));

        await PublishAsync(call.Retrieved());
        var live = await second.ReadAsync();
        Assert.Equal(("EventRetrieved", 6L), (live.Name(), live.Sequence()));
    }

    [Fact]
    public async Task Reconnecting_without_a_SequenceId_resends_every_cached_event()
    {
        var call = new TestCall("c-2");
        using (var first = await ConnectAsync())
        {
            await first.RegisterAsync("crm", "node-1", "s-all");
            await first.ReadSnapshotAsync();
            await PublishAsync(call.Initiated());
            await first.ReadAsync();
        }
        await AwaitDisconnectedAsync("s-all");
        await PublishAsync(call.Ringing());

        using var second = await ConnectAsync();
        var ack = await second.RegisterAsync("crm", "node-1", "s-all");
        Assert.Equal(("resume", 3), (ack.Status(), ack.EventsInCache()));
        var replayed = await second.ReadAsync(3);
        Assert.Equal(["EventPrivateInfo", "EventDialing", "EventRinging"], replayed.Select(l => l.Name()));
        Assert.Equal([1L, 2L, 3L], replayed.Select(l => l.Sequence()));
    }

    [Fact]
    public async Task A_SequenceId_older_than_the_cache_resets_with_a_snapshot_and_numbering_goes_on()
    {
        var call = new TestCall("c-3");
        using (var first = await ConnectAsync())
        {
            await first.RegisterAsync("crm", "node-1", "s-old");
            await first.ReadSnapshotAsync();
            await PublishAsync(call.Initiated());
            await first.ReadAsync();
        }
        await AwaitDisconnectedAsync("s-old");
        // More than cache-max-events (8) happen while the client is away.
        for (var i = 0; i < 5; i++) await PublishAsync(call.Held(), call.Retrieved());

        using var second = await ConnectAsync();
        var ack = await second.RegisterAsync("crm", "node-1", "s-old", r => r with { SequenceId = 2 });
        Assert.Equal(("reset", 0), (ack.Status(), ack.EventsInCache()));
        var snapshot = await second.ReadSnapshotAsync();
        Assert.Equal(["EventEstablished", "EventPrivateInfo"], snapshot.Select(l => l.Name()));
        Assert.True(snapshot[0].IsSnapshot());
        Assert.Equal([13L, 14L], snapshot.Select(l => l.Sequence()));
    }

    [Fact]
    public async Task An_unknown_session_with_a_SequenceId_is_a_reset()
    {
        using var client = await ConnectAsync();
        var ack = await client.RegisterAsync("crm", "node-1", "s-never-seen", r => r with { SequenceId = 42 });
        Assert.Equal("reset", ack.Status());
        var snapshot = await client.ReadSnapshotAsync();
        Assert.Equal(1L, Assert.Single(snapshot).Sequence());
    }

    [Fact]
    public async Task A_session_nobody_reconnects_to_within_session_timeout_is_dropped()
    {
        await using var node = await ProxyNode.StartAsync(ProxyNode.NewSystem("timeout"), new CallstoreGroups([]),
            ProxyNode.Settings(s => s with { SessionTimeout = TimeSpan.FromMilliseconds(500) }), ownsSystem: true);
        using (var first = await ProxyClient.ConnectAsync(node.EndPoint))
        {
            await first.RegisterAsync("crm", "node-1", "s-timeout");
            await first.ReadSnapshotAsync();
        }

        await Until.True(async () => (await node.ClusterInfoAsync("crm")).Nodes.Count == 0, "the session to time out and leave its client cluster");
        using var second = await ProxyClient.ConnectAsync(node.EndPoint);
        var ack = await second.RegisterAsync("crm", "node-1", "s-timeout");
        Assert.Equal("reset", ack.Status());
    }

    private Task AwaitDisconnectedAsync(string sessionId) =>
        Until.True(async () => !(await Node.SessionAsync(sessionId)).Connected, $"session {sessionId} to see its connection closed");
}
