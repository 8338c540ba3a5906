using ClusterSip.InteractionProxy.Client;
using ClusterSip.InteractionProxy.Tests.Support;
using ClusterSip.InteractionProxy.Wire;
using Xunit.Abstractions;

namespace ClusterSip.InteractionProxy.Tests;

public sealed class SlowReaderTests(ITestOutputHelper output) : ProxyTest(output)
{
    private const int Events = 3000;

    protected override ProxySettings Settings => ProxyNode.Settings(s => s with
    {
        SendQueue = 16,
        CacheMaxEvents = 10_000,
        DisconnectGrace = TimeSpan.FromMinutes(1),
    });

    [Fact]
    public async Task A_client_that_does_not_read_is_disconnected_and_its_session_keeps_caching_for_a_resume()
    {
        using (var slow = await ProxyClient.ConnectAsync(Node.EndPoint, receiveBuffer: 4096))
        {
            await slow.RegisterAsync("crm", "n", "s-slow");
            await slow.ReadSnapshotAsync();

            // Each event carries 4 KB of user data: far more than the socket buffers and the send queue hold.
            var call = new TestCall("c-big");
            await PublishAsync(call.Initiated());
            for (var i = 0; i < Events; i++) await PublishAsync(call.Set("blob", new string((char)('a' + i % 26), 4096)));

            await Until.True(async () => !(await Node.SessionAsync("s-slow")).Connected, "the slow client to be disconnected");
            Assert.Equal(1, Node.Statistics.Snapshot()["slow_client_disconnects"]);
            await Until.True(async () => (await Node.SessionAsync("s-slow")).LastSequenceId == SequenceIds.Format(Events + 2), "the session to cache every event");
        }

        using var back = await ConnectAsync();
        var ack = await back.RegisterAsync("crm", "n", "s-slow", r => r with { SequenceId = 1 });
        Assert.Equal("resume", ack.Status());
        for (var expected = 2L; expected <= Events + 2; expected++)
        {
            Assert.Equal(expected, (await back.ReadAsync()).Sequence());
        }
    }
}
