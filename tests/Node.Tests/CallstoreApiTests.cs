using System.Net;
using System.Text.Json;
using Akka.Actor;
using ClusterSip.CallEvents;
using ClusterSip.Node.Callstore;
using ClusterSip.Node.Management;
using ClusterSip.Node.Tests.Support;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.Node.Tests;

/// <summary>A single node with the default callstore (one group serving every domain), driven through its router and read through the API.</summary>
[Collection(NodesCollection.Name)]
public sealed class CallstoreApiTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_call_sent_to_the_router_shows_as_active_then_as_one_CDR_with_statistics()
    {
        await using var node = await InProcessNode.StartAsync(features: [new CallstoreFeature()]);
        var router = node.Node.ActorSystem.ActorSelection("/user/callstore-router");
        var start = DateTimeOffset.UtcNow;
        CallEvent[] events =
        [
            new CallInitiated { CallId = "c-1", SipCallId = "s-1", Sequence = 1, Domain = "example.com", From = Party("alice"), To = Party("bob"), Node = node.ShortAddress, Time = start },
            new CallAnswered { BranchId = "1", AnsweredBy = "sip:bob@192.0.2.4", CallId = "c-1", SipCallId = "s-1", Sequence = 2, Domain = "example.com", From = Party("alice"), To = Party("bob"), Node = node.ShortAddress, Time = start.AddSeconds(1) },
            new CallReleased { By = PartyRole.Callee, StatusCode = 200, Reason = "bye", CallId = "c-1", SipCallId = "s-1", Sequence = 3, Domain = "example.com", From = Party("alice"), To = Party("bob"), Node = node.ShortAddress, Time = start.AddSeconds(3) },
        ];

        await Deliver(router, events[0]);
        await Deliver(router, events[1]);

        var groups = await Eventually.Value(() => node.Api.GetJsonAsync<JsonElement>("/callstore/groups"),
            g => g.GetProperty("groups")[0].GetProperty("activeCalls").ValueKind == JsonValueKind.Number, "group 1 active");
        var group = groups.GetProperty("groups")[0];
        Assert.Equal(1, group.GetProperty("group").GetInt32());
        Assert.Equal(node.ShortAddress.ToLowerInvariant(), group.GetProperty("active").GetString());
        Assert.Equal(1, group.GetProperty("activeCalls").GetInt32());
        Assert.Equal(2, group.GetProperty("journalSequenceNr").GetInt64());
        Assert.Equal("callstore1", group.GetProperty("instances")[0].GetProperty("name").GetString());
        var calls = await node.Api.GetJsonAsync<JsonElement>("/callstore/groups/1/calls?limit=10");
        Assert.Equal("Established", calls.GetProperty("calls")[0].GetProperty("state").GetString());
        Assert.Equal("CallAnswered", calls.GetProperty("calls")[0].GetProperty("latest").GetProperty("type").GetString());

        await Deliver(router, events[2]);

        var cdrs = await Eventually.Value(() => node.Api.GetJsonAsync<JsonElement>("/cdr?domain=example.com&limit=5"),
            c => c.GetProperty("cdrs").GetArrayLength() == 1, "the CDR");
        var cdr = cdrs.GetProperty("cdrs")[0];
        Assert.Equal(("c-1", 2.0, "Callee"), (cdr.GetProperty("callId").GetString(), cdr.GetProperty("talkSeconds").GetDouble(), cdr.GetProperty("hungUpBy").GetString()));
        var statistics = await node.Api.GetJsonAsync<StatisticsResponse>("/statistics/callstore");
        Assert.Equal(3, statistics.Statistics["events_accepted"]);
        Assert.Equal(1, statistics.Statistics["cdrs_written"]);
        Assert.Equal(0, statistics.Statistics["active_calls"]);
        Assert.Empty((await node.Api.GetJsonAsync<JsonElement>($"/cdr?to={Uri.EscapeDataString(start.AddSeconds(-1).ToString("O"))}")).GetProperty("cdrs").EnumerateArray());
    }

    [Fact]
    public async Task Resolve_names_the_group_and_bad_queries_get_a_reason()
    {
        await using var node = await InProcessNode.StartAsync(features: [new CallstoreFeature()]);

        var resolved = await node.Api.GetJsonAsync<JsonElement>("/callstore/resolve?domain=Sub.Example.com");
        Assert.Equal(("sub.example.com", 1), (resolved.GetProperty("domain").GetString(), resolved.GetProperty("group").GetInt32()));
        Assert.Equal(HttpStatusCode.BadRequest, await node.Api.StatusOfAsync("/callstore/resolve"));
        Assert.Equal(HttpStatusCode.NotFound, await node.Api.StatusOfAsync("/callstore/groups/7/calls"));
        Assert.Equal(HttpStatusCode.BadRequest, await node.Api.StatusOfAsync("/callstore/groups/1/calls?limit=0"));
        Assert.Equal(HttpStatusCode.BadRequest, await node.Api.StatusOfAsync("/cdr?from=yesterday"));
        Assert.Equal(HttpStatusCode.BadRequest, await node.Api.StatusOfAsync("/cdr?limit=many"));
    }

    private static CallParty Party(string user) => new("", $"sip:{user}@example.com");

    /// <summary>Sends as a dialog does: again until acknowledged.</summary>
    private static async Task Deliver(ActorSelection router, CallEvent e)
    {
        var ack = await Eventually.Value(async () =>
        {
            try
            {
                return await router.Ask<CallEventAck>(e, TimeSpan.FromSeconds(2));
            }
            catch (AskTimeoutException)
            {
                return null;
            }
        }, a => a is not null, $"the ack of event {e.Sequence}", Bound);
        Assert.Equal(new CallEventAck(e.CallId, e.Sequence), ack);
    }
}
