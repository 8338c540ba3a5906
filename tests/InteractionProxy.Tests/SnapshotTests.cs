using Akka.Actor;
using System.Text.Json.Nodes;
using ClusterSip.InteractionProxy.Tests.Support;
using Xunit.Abstractions;

namespace ClusterSip.InteractionProxy.Tests;

public sealed class SnapshotTests(ITestOutputHelper output) : ProxyTest(output)
{
    [Fact]
    public async Task A_new_session_resets_with_one_snapshot_event_per_active_interaction_then_8210_then_live_events()
    {
        var ringing = new TestCall("c-ringing");
        var talking = new TestCall("c-talking");
        var ended = new TestCall("c-ended");
        await PublishAsync(ringing.Initiated(), ringing.Forked(), ringing.Ringing());
        await PublishAsync(talking.Initiated(), talking.Ringing(), talking.Answered(), talking.Set("queue", "sales"));
        await PublishAsync(ended.Initiated(), ended.Abandoned());

        using var client = await ConnectAsync();
        var ack = await client.RegisterAsync("crm", "node-1", "s-1");
        Assert.Equal("reset", ack.Status());
        Assert.Equal(0, ack.EventsInCache());

        var snapshot = await client.ReadSnapshotAsync();
        Assert.Equal(["EventRinging", "EventEstablished", "EventPrivateInfo"], snapshot.Select(l => l.Name()));
        Assert.Equal(["c-ringing", "c-talking"], snapshot.Take(2).Select(l => l.ConnId()));
        Assert.All(snapshot.Take(2), l => Assert.True(l.IsSnapshot()));
        Assert.Equal("sales", snapshot[1].GetProperty("UserData").GetProperty("queue").GetString());
        Assert.Equal("c-talking@pc33.example.com", snapshot[1].GetProperty("CallID").GetString());
        Assert.Equal("sip:alice@example.com", snapshot[1].GetProperty("ThisDN").GetString());
        Assert.Equal("sip:bob@example.com", snapshot[1].GetProperty("OtherDN").GetString());
        Assert.Equal("2026-11-29T18:00:00.040Z", snapshot[1].GetProperty("Time").GetString());
        Assert.Equal(8210, snapshot[2].GetProperty("MsgID").GetInt32());
        Assert.Equal("EventEndOfSnapshot", snapshot[2].GetProperty("PrivateMsgName").GetString());
        Assert.Equal([1L, 2L, 3L], snapshot.Select(l => l.Sequence()));
        Assert.Equal("0000000000000001", snapshot[0].GetProperty("SequenceId").GetString());

        await PublishAsync(talking.Held(), ringing.Abandoned());
        var live = await client.ReadAsync(2);
        Assert.Equal(["EventHeld", "EventAbandoned"], live.Select(l => l.Name()));
        Assert.Equal([4L, 5L], live.Select(l => l.Sequence()));
        Assert.All(live, l => Assert.False(l.IsSnapshot()));
    }

    [Theory]
    [InlineData("\"false\"")]
    [InlineData("false")]
    public async Task InteractionSnapshot_false_sends_no_snapshot_and_no_8210(string value)
    {
        var before = new TestCall("c-before");
        await PublishAsync(before.Initiated(), before.Ringing());

        using var client = await ConnectAsync();
        var ack = await client.RegisterAsync("crm", "node-1", "s-nosnap", a => a["InteractionSnapshot"] = JsonNode.Parse(value));
        Assert.Equal("reset", ack.Status());
        await Node.AwaitNodeAsync("crm", "node-1");

        var after = new TestCall("c-after");
        await PublishAsync(before.Answered(), after.Initiated());
        var live = await client.ReadAsync(2);
        Assert.Equal(["EventEstablished", "EventDialing"], live.Select(l => l.Name()));
        Assert.Equal([1L, 2L], live.Select(l => l.Sequence()));
    }

    [Fact]
    public async Task Events_during_the_snapshot_are_in_it_or_after_it_never_lost_or_doubled()
    {
        var calls = Enumerable.Range(0, 20).Select(i => new TestCall($"c-{i:D2}")).ToList();
        foreach (var call in calls) await PublishAsync(call.Initiated());

        using var client = await ConnectAsync();
        await client.RegisterAsync("crm", "node-1", "s-race");
        // Calls change while the registration is in flight.
        foreach (var call in calls) await PublishAsync(call.Ringing());
        foreach (var call in calls) await PublishAsync(call.Answered());

        var lines = await client.ReadSnapshotAsync();
        var snapshotCount = lines.Count - 1;
        var state = lines.Take(snapshotCount).ToDictionary(l => l.ConnId(), l => l.Name());
        Assert.Equal(20, state.Count);
        while (state.Values.Any(s => s != "EventEstablished"))
        {
            var line = await client.ReadAsync();
            Assert.False(line.IsSnapshot());
            var previous = state[line.ConnId()];
            Assert.Equal(previous == "EventDialing" ? "EventRinging" : "EventEstablished", line.Name());
            Assert.NotEqual("EventEstablished", previous);
            state[line.ConnId()] = line.Name();
            lines.Add(line);
        }
        Assert.Equal(Enumerable.Range(1, lines.Count).Select(i => (long)i), lines.Select(l => l.Sequence()));
    }

    [Fact]
    public async Task Events_lost_on_the_way_from_the_callstore_are_caught_up_from_its_snapshot()
    {
        using var client = await ConnectAsync();
        await client.RegisterAsync("crm", "node-1", "s-gap");
        await client.ReadSnapshotAsync();

        var call = new TestCall("c-gap");
        await PublishAsync(call.Initiated());
        Assert.Equal("EventDialing", (await client.ReadAsync()).Name());
        await Callstore.Ask<long>(new FakeCallstore.Unpublished(call.Ringing()), ProxyNode.Bound);
        await Callstore.Ask<long>(new FakeCallstore.Unpublished(call.Answered()), ProxyNode.Bound);
        await PublishAsync(call.Held());

        // The offset after the gap makes the cluster ask for the group's snapshot: the call's current state comes
        // as a snapshot event, and the event that revealed the gap is in that state already.
        var caughtUp = await client.ReadAsync();
        Assert.Equal(("EventHeld", true, 3L), (caughtUp.Name(), caughtUp.IsSnapshot(), caughtUp.Sequence()));
        await PublishAsync(call.Retrieved());
        var live = await client.ReadAsync();
        Assert.Equal(("EventRetrieved", false, 4L), (live.Name(), live.IsSnapshot(), live.Sequence()));
    }
}
