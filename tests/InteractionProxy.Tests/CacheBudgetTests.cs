using ClusterSip.InteractionProxy.Tests.Support;
using Xunit.Abstractions;

namespace ClusterSip.InteractionProxy.Tests;

public sealed class CacheBudgetTests(ITestOutputHelper output) : ProxyTest(output)
{
    protected override ProxySettings Settings => ProxyNode.Settings(s => s with { CacheMaxTotalEvents = 4, DisconnectGrace = TimeSpan.FromMinutes(1) });

    [Fact]
    public async Task Over_the_node_budget_an_idle_session_gives_up_its_oldest_events_and_resuming_from_them_is_a_reset()
    {
        var call = new TestCall("c-b");
        using (var idle = await ConnectAsync())
        {
            await idle.RegisterAsync("crm", "node-1", "s-idle");
            await idle.ReadSnapshotAsync();
            await PublishAsync(call.Initiated(), call.Ringing(), call.Answered());
        }
        await Until.True(async () => await Node.SessionAsync("s-idle") is { Connected: false, EventsInCache: 4 }, "s-idle to hold 4 lines, disconnected");

        // Another client cluster's snapshot (the answered call, then 8210) puts the node at 6 lines for 4; s-idle gets
        // no event and gives up its oldest at its trim tick, down to its even share (2).
        using var busy = await ConnectAsync();
        await busy.RegisterAsync("other", "node-1", "s-busy");
        Assert.Equal(2, (await busy.ReadSnapshotAsync()).Count);
        await Until.True(async () => (await Node.SessionAsync("s-idle")).EventsInCache == 2, "s-idle to give up two lines");

        using var back = await ConnectAsync();
        var ack = await back.RegisterAsync("crm", "node-1", "s-idle", r => r with { SequenceId = 1 });
        Assert.Equal("reset", ack.Status());
    }
}
