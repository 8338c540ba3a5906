using System.Text.Json;
using ClusterSip.EndToEnd.Tests.Support;
using ClusterSip.Tests.Support;
using Xunit;
using static ClusterSip.EndToEnd.Tests.IproxyCalls;

namespace ClusterSip.EndToEnd.Tests;

/// <summary>
/// Load balancing across client nodes with SIPp calls: three NodeIds of ClusterId crm share the calls evenly while a
/// second ClusterId gets every call; when one crm node leaves, its talking calls move to the other two as snapshot
/// events, and each call's release reaches exactly one crm node.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class InteractionBalanceTests
{
    [Fact]
    public async Task Calls_spread_over_a_client_cluster_and_move_to_the_remaining_nodes_when_one_leaves()
    {
        var calleePort = FreePorts.Next();
        await using var callee = await Sipp.StartCalleeAsync(calleePort, "-sn", "uas");
        await using var node = await ProxyNode.StartWithEveryFeatureAsync(
            $"cluster-sip.routing.default-destinations=[\"sip:127.0.0.1:{calleePort}\"]", "cluster-sip.interaction-proxy.disconnect-grace=1s");
        using var n1 = await Register(node, "crm", "n1");
        using var n2 = await Register(node, "crm", "n2");
        var n3 = await Register(node, "crm", "n3");
        using var wall = await Register(node, "wallboard", "w1");

        var calls = Sipp.RunAsync(CallerLimit, "-sn", "uac", node.Target, "-i", "127.0.0.1", "-p", FreePorts.Next().ToString(), "-m", "6", "-r", "20", "-d", "12000", "-timeout", "60s");
        var established = new Dictionary<string, HashSet<string>>();
        foreach (var (name, client) in new[] { ("n1", n1), ("n2", n2), ("n3", n3) })
        {
            // Dialing, Ringing and Established of each of its two calls.
            established[name] = (await client.ReadAsync(6)).Select(l => l.ConnId()).ToHashSet();
        }

        var everyCall = (await wall.ReadAsync(18)).Select(l => l.ConnId()).ToHashSet();
        Assert.Equal(6, everyCall.Count);
        Assert.All(established.Values, held => Assert.Equal(2, held.Count));
        Assert.Equal(everyCall.Order(), established.Values.SelectMany(h => h).Order());

        n3.Dispose();
        var moved = new Dictionary<string, JsonElement>();
        foreach (var (name, client) in new[] { ("n1", n1), ("n2", n2) })
        {
            var snapshot = await client.ReadAsync();
            Assert.Equal(("EventEstablished", true), (snapshot.Name(), snapshot.IsSnapshot()));
            moved[name] = snapshot;
        }

        Assert.Equal(established["n3"].Order(), moved.Values.Select(l => l.ConnId()).Order());
        var caller = await calls;
        Assert.True(caller.ExitCode == 0 && caller.SuccessfulCalls == 6, caller.ToString());
        foreach (var (name, client) in new[] { ("n1", n1), ("n2", n2) })
        {
            var released = await client.ReadAsync(3);
            Assert.All(released, l => Assert.Equal("EventReleased", l.Name()));
            Assert.Equal(established[name].Append(moved[name].ConnId()).Order(), released.Select(l => l.ConnId()).Order());
        }

        Assert.Equal(everyCall.Order(), (await wall.ReadAsync(6)).Select(l => l.ConnId()).Order());
    }

    private static async Task<ProxyClient> Register(ProxyNode node, string clusterId, string nodeId)
    {
        var client = await ProxyClient.ConnectAsync(node.InteractionProxy);
        Assert.Equal("reset", (await client.RegisterAsync(clusterId, nodeId, $"s-{clusterId}-{nodeId}")).Status());
        Assert.Equal("EventPrivateInfo", Assert.Single(await client.ReadSnapshotAsync()).Name());
        await AwaitClientNodeAsync(node, clusterId, nodeId);
        return client;
    }
}
