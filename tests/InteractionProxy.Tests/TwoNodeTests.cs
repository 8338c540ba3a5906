using Akka.Cluster;
using ClusterSip.InteractionProxy.Tests.Support;
using Xunit.Abstractions;

namespace ClusterSip.InteractionProxy.Tests;

public sealed class TwoNodeTests(ITestOutputHelper output) : ProxyTest(output)
{
    protected override ProxySettings Settings => ProxyNode.Settings(s => s with { DisconnectGrace = TimeSpan.FromMinutes(1) });

    [Fact]
    public async Task A_client_that_reconnects_to_the_other_node_resumes_its_session_without_gap_or_duplicate()
    {
        await using var second = await ProxyNode.StartAsync(
            ProxyNode.NewSystem("iproxy"), new CallstoreGroups([Callstore]), Settings, Cluster.Get(Sys).SelfAddress, ownsSystem: true);
        await Until.True(() => Task.FromResult(Cluster.Get(Sys).State.Members.Count(m => m.Status == MemberStatus.Up) == 2), "two members up");

        var call = new TestCall("c-moving");
        using (var first = await ConnectAsync())
        {
            await first.RegisterAsync("crm", "n", "s-roam");
            await first.ReadSnapshotAsync();
            await PublishAsync(call.Initiated());
            Assert.Equal(2L, (await first.ReadAsync()).Sequence());
        }
        await Until.True(async () => !(await second.SessionAsync("s-roam")).Connected, "the session to see its connection closed");
        await PublishAsync(call.Ringing(), call.Answered());

        using var again = await ProxyClient.ConnectAsync(second.EndPoint);
        var ack = await again.RegisterAsync("crm", "n", "s-roam", r => r with { SequenceId = 2 });
        Assert.Equal(("resume", 4), (ack.Status(), ack.EventsInCache()));
        var replayed = await again.ReadAsync(2);
        Assert.Equal(["EventRinging", "EventEstablished"], replayed.Select(l => l.Name()));
        Assert.Equal([3L, 4L], replayed.Select(l => l.Sequence()));

        await PublishAsync(call.Released());
        var live = await again.ReadAsync();
        Assert.Equal(("EventReleased", 5L), (live.Name(), live.Sequence()));
    }
}
