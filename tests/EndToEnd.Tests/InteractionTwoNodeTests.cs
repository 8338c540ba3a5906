using System.Text.Json;
using ClusterSip.EndToEnd.Tests.Support;
using ClusterSip.InteractionProxy.Sessions;
using ClusterSip.Tests.Support;
using Xunit;
using static ClusterSip.EndToEnd.Tests.IproxyCalls;

namespace ClusterSip.EndToEnd.Tests;

/// <summary>
/// A client of the Interaction Proxy moving between the nodes of a two-node cluster: its session (sharded by
/// SessionId) keeps caching SIPp calls made through either node while it is away, and it resumes on the other node
/// from its last SequenceId with no gap and no duplicate.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class InteractionTwoNodeTests
{
    [Fact]
    public async Task A_client_that_leaves_node_a_resumes_on_node_b_with_every_call_it_missed_through_either_node()
    {
        var calleePort = FreePorts.Next();
        await using var callee = await Sipp.StartCalleeAsync(calleePort, "-sn", "uas");
        string[] sets = [$"cluster-sip.routing.default-destinations=[\"sip:127.0.0.1:{calleePort}\"]", "cluster-sip.interaction-proxy.disconnect-grace=120s"];
        await using var a = await ProxyNode.StartWithEveryFeatureAsync(sets);
        await using var b = await ProxyNode.StartWithEveryFeatureAsync([.. sets, "cluster-sip.cluster.join=seed-nodes", $"cluster-sip.cluster.seed-nodes=[\"{a.Node.Address}\"]"]);
        await Eventually.Value(() => a.Node.Api.MembersAsync(), m => m.Members.Count(x => x.Status == "Up") == 2, "both nodes up");

        var seen = new List<JsonElement>();
        using (var first = await ProxyClient.ConnectAsync(a.InteractionProxy))
        {
            Assert.Equal("reset", (await first.RegisterAsync("crm", "agent-1", "s-move")).Status());
            seen.AddRange(await first.ReadSnapshotAsync());
            await AwaitClientNodeAsync(a, "crm", "agent-1");
            await CallAsync(a, calls: 1);
            seen.AddRange(await first.ReadAsync(CompleteCall.Length));
        }

        await Eventually.Value(() => b.Node.Api.GetJsonAsync<List<SessionInfo>>("/iproxy/sessions"),
            s => s.Any(x => x.SessionId == "s-move" && !x.Connected), "node B seeing the client gone");
        await CallAsync(a, calls: 1);
        await CallAsync(b, calls: 1);
        await Eventually.Value(() => b.Node.Api.GetJsonAsync<List<SessionInfo>>("/iproxy/sessions"),
            s => s.Any(x => x.SessionId == "s-move" && x.EventsInCache == seen.Count + 2 * CompleteCall.Length), "the session caching both missed calls");

        using var resumed = await ProxyClient.ConnectAsync(b.InteractionProxy);
        var last = seen[^1].Sequence();
        var ack = await resumed.RegisterAsync("crm", "agent-1", "s-move", r => r with { SequenceId = last });
        Assert.Equal("resume", ack.Status());
        var missed = await resumed.ReadAsync(2 * CompleteCall.Length);
        Assert.Equal(Enumerable.Range((int)last + 1, missed.Count).Select(i => (long)i), missed.Select(l => l.Sequence()));
        var calls = missed.GroupBy(l => l.ConnId()).ToList();
        Assert.Equal(2, calls.Count);
        Assert.All(calls, call => Assert.Equal(CompleteCall, call.Select(l => l.Name())));
        Assert.DoesNotContain(calls, call => seen.Any(s => s.Name() != "EventPrivateInfo" && s.ConnId() == call.Key));
    }
}
