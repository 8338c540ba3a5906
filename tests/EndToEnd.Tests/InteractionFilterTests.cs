using System.Text.Json;
using ClusterSip.EndToEnd.Tests.Support;
using ClusterSip.InteractionProxy.Client;
using ClusterSip.Tests.Support;
using Xunit;
using static ClusterSip.EndToEnd.Tests.IproxyCalls;

namespace ClusterSip.EndToEnd.Tests;

/// <summary>
/// What a client asked for at registration, against a SIPp call tagged with two user data keys (queue, vip): the three
/// UdataFilter cases of the seed (missing: all keys; empty: none; listed: those) and InteractionSnapshot false (no
/// snapshot, no EventEndOfSnapshot), each client of its own ClusterId so that each receives every interaction.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class InteractionFilterTests
{
    [Fact]
    public async Task Each_client_gets_the_user_data_its_filter_names_and_one_without_snapshot_gets_only_live_events()
    {
        var calleePort = FreePorts.Next();
        await using var callee = await Sipp.StartCalleeAsync(calleePort, "-sn", "uas");
        await using var node = await ProxyNode.StartWithEveryFeatureAsync(
            $"cluster-sip.routing.default-destinations=[\"sip:127.0.0.1:{calleePort}\"]", $"cluster-sip.routing.script={typeof(UserDataScript).AssemblyQualifiedName}");
        var talking = Sipp.RunAsync(CallerLimit, "-sn", "uac", node.Target, "-i", "127.0.0.1", "-p", FreePorts.Next().ToString(), "-m", "1", "-d", "6000", "-timeout", "60s");
        await Eventually.Value(() => node.Node.Api.GetJsonAsync<JsonElement>("/callstore/groups/1/calls"),
            c => c.GetProperty("total").GetInt32() == 1 && c.GetProperty("calls")[0].GetProperty("state").GetString() == "Established", "the call talking");

        using var all = await Register(node, "all", r => r);
        using var none = await Register(node, "none", r => r with { UdataFilter = [] });
        using var queue = await Register(node, "queue", r => r with { UdataFilter = ["queue"] });
        using var live = await Register(node, "live", r => r with { InteractionSnapshot = false });

        foreach (var (client, keys) in new[] { (all, "queue vip"), (none, ""), (queue, "queue") })
        {
            var snapshot = await client.ReadSnapshotAsync();
            Assert.Equal([("EventEstablished", true, keys)], snapshot.SkipLast(1).Select(l => (l.Name(), l.IsSnapshot(), Keys(l))));
            Assert.Equal("EventEndOfSnapshot", snapshot[^1].GetProperty("PrivateMsgName").GetString());
        }

        var caller = await talking;
        Assert.True(caller.ExitCode == 0 && caller.SuccessfulCalls == 1, caller.ToString());
        foreach (var (client, keys) in new[] { (all, "queue vip"), (none, ""), (queue, "queue") })
        {
            var released = await client.ReadAsync();
            Assert.Equal(("EventReleased", 3L, keys), (released.Name(), released.Sequence(), Keys(released)));
        }

        var first = await live.ReadAsync();
        Assert.Equal(("EventReleased", 1L, false, "queue vip"), (first.Name(), first.Sequence(), first.IsSnapshot(), Keys(first)));
    }

    private static async Task<ProxyClient> Register(ProxyNode node, string clusterId, Func<ProxyRegistration, ProxyRegistration> change)
    {
        var client = await ProxyClient.ConnectAsync(node.InteractionProxy);
        var ack = await client.RegisterAsync(clusterId, "agent-1", "s-" + clusterId, change);
        Assert.Equal("reset", ack.Status());
        await AwaitClientNodeAsync(node, clusterId, "agent-1");
        return client;
    }

    /// <summary>The user data keys an event carries, sorted and space-separated ("" when it carries none).</summary>
    private static string Keys(JsonElement line) =>
        line.TryGetProperty("UserData", out var data) && data.ValueKind == JsonValueKind.Object
            ? string.Join(" ", data.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal))
            : "";
}
