using System.Text.Json;
using ClusterSip.InteractionProxy.Tests.Support;
using Xunit.Abstractions;

namespace ClusterSip.InteractionProxy.Tests;

public sealed class LoadBalancingTests(ITestOutputHelper output) : ProxyTest(output)
{
    [Fact]
    public async Task A_client_cluster_spreads_interactions_over_its_nodes_and_moves_a_leaving_nodes_interactions()
    {
        var nodes = new Dictionary<string, ProxyClient>();
        foreach (var nodeId in new[] { "n1", "n2", "n3" })
        {
            nodes[nodeId] = await ConnectAsync();
            await nodes[nodeId].RegisterAsync("lb", nodeId, "s-lb-" + nodeId);
            await nodes[nodeId].ReadSnapshotAsync();
        }
        using var other = await ConnectAsync();
        await other.RegisterAsync("other", "solo", "s-other");
        await other.ReadSnapshotAsync();

        var calls = Enumerable.Range(1, 9).Select(i => new TestCall($"c-{i}")).ToList();
        foreach (var call in calls) await PublishAsync(call.Initiated());

        var owned = new Dictionary<string, List<string>>();
        foreach (var (nodeId, client) in nodes)
        {
            owned[nodeId] = (await client.ReadAsync(3)).Select(l => l.ConnId()).ToList();
        }
        Assert.Equal(calls.Select(c => c.CallId).Order(), owned.Values.SelectMany(c => c).Order());
        Assert.Equal(calls.Select(c => c.CallId), (await other.ReadAsync(9)).Select(l => l.ConnId()));

        // Every event of an interaction goes to the node it was given.
        foreach (var call in calls) await PublishAsync(call.Ringing());
        foreach (var (nodeId, client) in nodes)
        {
            var ringing = await client.ReadAsync(3);
            Assert.All(ringing, l => Assert.Equal("EventRinging", l.Name()));
            Assert.Equal(owned[nodeId], ringing.Select(l => l.ConnId()));
        }
        await other.ReadAsync(9);

        // n3 leaves: after the disconnect grace, n1 and n2 get its interactions' current state, then their events.
        nodes["n3"].Dispose();
        var moved = new List<JsonElement>();
        moved.AddRange(await nodes["n1"].ReadAsync(1));
        moved.AddRange(await nodes["n2"].ReadAsync(1));
        moved.AddRange(await nodes["n1"].ReadAsync(1));
        var counts = (await Node.ClusterInfoAsync("lb")).Nodes.ToDictionary(n => n.NodeId, n => n.Interactions);
        Assert.Equal(new Dictionary<string, int> { ["n1"] = 5, ["n2"] = 4 }, counts);
        Assert.All(moved, l => Assert.True(l.IsSnapshot()));
        Assert.All(moved, l => Assert.Equal("EventRinging", l.Name()));
        Assert.Equal(owned["n3"].Order(), moved.Select(l => l.ConnId()).Order());

        var firstMoved = calls.Single(c => c.CallId == moved[0].ConnId());
        await PublishAsync(firstMoved.Answered());
        var answered = await nodes["n1"].ReadAsync();
        Assert.Equal(("EventEstablished", firstMoved.CallId), (answered.Name(), answered.ConnId()));
        Assert.Equal("EventEstablished", (await other.ReadAsync()).Name());

        foreach (var client in nodes.Values) client.Dispose();
    }
}
