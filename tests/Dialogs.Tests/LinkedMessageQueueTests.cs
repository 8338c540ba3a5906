using Akka.Actor;
using Akka.TestKit.Xunit2;

namespace ClusterSip.Dialogs.Tests;

public sealed class LinkedMessageQueueTests : TestKit
{
    [Fact]
    public void Messages_come_out_in_order_and_an_emptied_queue_is_empty()
    {
        var queue = new LinkedMessageQueue();
        Assert.False(queue.HasMessages);
        Assert.False(queue.TryDequeue(out _));

        queue.Enqueue(TestActor, new Envelope("a", TestActor));
        queue.Enqueue(TestActor, new Envelope("b", TestActor));
        Assert.True(queue.HasMessages);
        Assert.Equal(2, queue.Count);

        Assert.True(queue.TryDequeue(out var first));
        Assert.Equal("a", first.Message);
        Assert.True(queue.TryDequeue(out var second));
        Assert.Equal("b", second.Message);
        Assert.False(queue.TryDequeue(out _));
        Assert.False(queue.HasMessages);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task Concurrent_producers_lose_nothing_and_keep_each_ones_order()
    {
        const int producers = 4;
        const int each = 50_000;
        var queue = new LinkedMessageQueue();
        var send = Enumerable.Range(0, producers).Select(p => Task.Run(() =>
        {
            for (var i = 0; i < each; i++)
            {
                queue.Enqueue(TestActor, new Envelope((p, i), TestActor));
            }
        })).ToArray();

        var next = new int[producers];
        var received = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (received < producers * each && DateTime.UtcNow < deadline)
        {
            if (!queue.TryDequeue(out var envelope))
            {
                await Task.Yield();
                continue;
            }

            var (p, i) = ((int, int))envelope.Message;
            Assert.Equal(next[p], i);
            next[p]++;
            received++;
        }

        await Task.WhenAll(send);
        Assert.Equal(producers * each, received);
        Assert.False(queue.HasMessages);
    }

    [Fact]
    public void Clean_up_hands_what_is_left_to_the_dead_letters()
    {
        var queue = new LinkedMessageQueue();
        var deadLetters = new LinkedMessageQueue();
        queue.Enqueue(TestActor, new Envelope("left", TestActor));

        queue.CleanUp(TestActor, deadLetters);

        Assert.False(queue.HasMessages);
        Assert.True(deadLetters.TryDequeue(out var envelope));
        Assert.Equal("left", envelope.Message);
    }
}
