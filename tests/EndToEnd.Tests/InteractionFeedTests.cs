using System.Text.Json;
using ClusterSip.EndToEnd.Tests.Support;
using ClusterSip.InteractionProxy.Sessions;
using ClusterSip.Tests.Support;
using Xunit;
using static ClusterSip.EndToEnd.Tests.IproxyCalls;

namespace ClusterSip.EndToEnd.Tests;

/// <summary>
/// The whole path of a call with every feature on (the defaults): SIPp uac calls SIPp uas through the node, the
/// node's dialogs send the calls' events to its callstore, which journals them, writes one CDR per call and
/// publishes them to the Interaction Proxy, whose TCP clients receive them as T-Library events.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class InteractionFeedTests
{
    [Fact]
    public async Task Sipp_calls_reach_an_iproxy_client_as_numbered_events_in_order_and_leave_one_CDR_each()
    {
        var calleePort = FreePorts.Next();
        await using var callee = await Sipp.StartCalleeAsync(calleePort, "-sn", "uas");
        await using var node = await ProxyNode.StartWithEveryFeatureAsync(Destination(calleePort));
        using var client = await ProxyClient.ConnectAsync(node.InteractionProxy);
        var ack = await client.RegisterAsync("crm", "agent-1", "s-feed");
        Assert.Equal(("reset", 0), (ack.Status(), ack.EventsInCache()));
        Assert.Equal([("EventPrivateInfo", 1L)], (await client.ReadSnapshotAsync()).Select(l => (l.Name(), l.Sequence())));
        await AwaitClientNodeAsync(node, "crm", "agent-1");

        await CallAsync(node, calls: 3);

        var events = await client.ReadAsync(3 * CompleteCall.Length);
        Assert.Equal(Enumerable.Range(2, events.Count).Select(i => (long)i), events.Select(l => l.Sequence()));
        var calls = events.GroupBy(l => l.ConnId()).ToList();
        Assert.Equal(3, calls.Count);
        Assert.All(calls, call => Assert.Equal(Steps(CompleteCall), Steps(call.Select(l => l.Name()))));
        await AssertOneCdrPerCallAsync(node, events);
    }

    [Fact]
    public async Task A_client_that_resumes_gets_only_what_it_missed_and_a_new_session_gets_the_active_calls()
    {
        var calleePort = FreePorts.Next();
        await using var callee = await Sipp.StartCalleeAsync(calleePort, "-sn", "uas");
        // The client's node keeps its interactions while it is away: the grace outlasts the test.
        await using var node = await ProxyNode.StartWithEveryFeatureAsync(Destination(calleePort), "cluster-sip.interaction-proxy.disconnect-grace=120s");
        var seen = new List<JsonElement>();
        using (var first = await ProxyClient.ConnectAsync(node.InteractionProxy))
        {
            await first.RegisterAsync("crm", "agent-1", "s-resume");
            seen.AddRange(await first.ReadSnapshotAsync());
            await AwaitClientNodeAsync(node, "crm", "agent-1");
            await CallAsync(node, calls: 1);
            seen.AddRange(await first.ReadAsync(CompleteCall.Length));
        }
        var last = seen[^1].Sequence();
        await Eventually.Value(() => node.Node.Api.GetJsonAsync<List<SessionInfo>>("/iproxy/sessions"),
            s => s.Any(x => x.SessionId == "s-resume" && !x.Connected), "the proxy seeing the client gone");

        // Missed: two whole calls, and a third that is still talking when the client comes back.
        await CallAsync(node, calls: 2);
        var talking = CallAsync(node, calls: 1, "-d", "8000");
        var missedCount = 2 * CompleteCall.Length + 3;
        await Eventually.Value(() => node.Node.Api.GetJsonAsync<List<SessionInfo>>("/iproxy/sessions"),
            s => s.Any(x => x.SessionId == "s-resume" && x.EventsInCache == seen.Count + missedCount), "the session caching what its client missed");
        // The callstore published every event the session holds: the first two calls have ended there too.
        var active = await node.Node.Api.GetJsonAsync<JsonElement>("/callstore/groups/1/calls");
        Assert.Equal((1, "Established"), (active.GetProperty("total").GetInt32(), active.GetProperty("calls")[0].GetProperty("state").GetString()));
        var activeCallId = active.GetProperty("calls")[0].GetProperty("callId").GetString()!;

        using var resumed = await ProxyClient.ConnectAsync(node.InteractionProxy);
        var ack = await resumed.RegisterAsync("crm", "agent-1", "s-resume", r => r with { SequenceId = last });
        Assert.Equal(("resume", seen.Count + missedCount), (ack.Status(), ack.EventsInCache()));
        var missed = await resumed.ReadAsync(missedCount);
        Assert.Equal(Enumerable.Range((int)last + 1, missed.Count).Select(i => (long)i), missed.Select(l => l.Sequence()));
        Assert.DoesNotContain(missed, l => seen.Any(s => s.Name() != "EventPrivateInfo" && s.ConnId() == l.ConnId()));
        // Each call's events in order; those of different calls may interleave.
        var missedCalls = missed.GroupBy(l => l.ConnId()).ToDictionary(call => call.Key, call => Steps(call.Select(l => l.Name())));
        Assert.Equal(3, missedCalls.Count);
        Assert.Equal(Steps(CompleteCall[..3]), missedCalls[activeCallId]);
        Assert.All(missedCalls.Where(c => c.Key != activeCallId), c => Assert.Equal(Steps(CompleteCall), c.Value));

        using var wallboard = await ProxyClient.ConnectAsync(node.InteractionProxy);
        Assert.Equal("reset", (await wallboard.RegisterAsync("wallboard", "screen-1", "s-reset")).Status());
        var snapshot = await wallboard.ReadSnapshotAsync();
        Assert.Equal([("EventEstablished", activeCallId, true, 1L)], snapshot.SkipLast(1).Select(l => (l.Name(), l.ConnId(), l.IsSnapshot(), l.Sequence())));
        Assert.Equal(("EventPrivateInfo", 2L), (snapshot[^1].Name(), snapshot[^1].Sequence()));

        await talking;
        var released = await resumed.ReadAsync();
        Assert.Equal(("EventReleased", activeCallId, missed[^1].Sequence() + 1), (released.Name(), released.ConnId(), released.Sequence()));
        var wallboardReleased = await wallboard.ReadAsync();
        Assert.Equal(("EventReleased", activeCallId, 3L), (wallboardReleased.Name(), wallboardReleased.ConnId(), wallboardReleased.Sequence()));
        await AssertOneCdrPerCallAsync(node, [.. seen, .. missed]);
    }

    private static string Steps(IEnumerable<string> names) => string.Join(" ", names);

    private static string Destination(int calleePort) => $"cluster-sip.routing.default-destinations=[\"sip:127.0.0.1:{calleePort}\"]";

    /// <summary>Every call the client saw has exactly one CDR, with the SIP Call-ID the client saw, and there are no others.</summary>
    private static async Task AssertOneCdrPerCallAsync(ProxyNode node, IReadOnlyList<JsonElement> events)
    {
        var calls = events.Where(l => l.Name() != "EventPrivateInfo")
            .GroupBy(l => l.ConnId()).ToDictionary(c => c.Key, c => c.First().GetProperty("CallID").GetString());
        var cdrs = await Eventually.Value(() => node.Node.Api.GetJsonAsync<JsonElement>("/cdr?limit=1000"),
            c => c.GetProperty("cdrs").GetArrayLength() >= calls.Count, $"{calls.Count} CDRs");
        var written = cdrs.GetProperty("cdrs").EnumerateArray()
            .Select(c => (CallId: c.GetProperty("callId").GetString()!, SipCallId: c.GetProperty("sipCallId").GetString(), Cause: c.GetProperty("cause").GetString()))
            .OrderBy(c => c.CallId, StringComparer.Ordinal).ToList();
        Assert.Equal(calls.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => (c.Key, c.Value, (string?)"bye")), written);
    }
}
