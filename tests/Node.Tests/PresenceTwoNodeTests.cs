using System.Net;
using System.Net.Http.Json;
using System.Text;
using ClusterSip.Node.Management;
using ClusterSip.Node.Sip;
using ClusterSip.Node.Tests.Support;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.Node.Tests;

/// <summary>
/// The B2B UA subscribed over SIP to the presence agent of another node of the cluster: each node's
/// presence_outbound_proxy is the other node, so wherever sharding puts the subscription, its SUBSCRIBE and the
/// agent's NOTIFYs cross between the nodes over real UDP.
/// </summary>
[Collection(NodesCollection.Name)]
public sealed class PresenceTwoNodeTests : IAsyncLifetime
{
    private const string Bob = "sip:bob@example.com";

    private readonly IPEndPoint _sipA = new(IPAddress.Loopback, FreePorts.Next());
    private readonly IPEndPoint _sipB = new(IPAddress.Loopback, FreePorts.Next());
    private readonly LoopbackUa _phone = new();
    private InProcessNode _a = null!;
    private InProcessNode _b = null!;

    public async Task InitializeAsync()
    {
        _a = await Start(_sipA, _sipB);
        _b = await Start(_sipB, _sipA, "cluster-sip.cluster.join=seed-nodes", $"cluster-sip.cluster.seed-nodes=[\"{_a.Address}\"]");
        await Eventually.Value(() => _a.Api.MembersAsync(), m => m.Members.Count(x => x.Status == "Up") == 2, "both nodes up");
    }

    public async Task DisposeAsync()
    {
        _phone.Dispose();
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }

    [Fact]
    public async Task An_internal_subscription_on_one_node_follows_a_phone_publishing_to_the_other()
    {
        using var created = await _a.Api.PostJsonAsync("/presence/subscriptions", new { presentity = Bob, subscriber = "sip:alice@example.com" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        // The agent notifies at once what it knows: nothing published yet.
        Assert.Empty((await Notified(s => s.Tuples.Count == 0, "the agent's first NOTIFY")).Tuples);

        var published = await _phone.Request(_sipB, Publish("open"));
        Assert.Equal(200, published.StatusCode);

        var open = await Notified(s => s.Tuples is [{ Basic: "open" }], "bob open");
        Assert.Equal("b2b", open.Source);
        var listed = await _a.Api.GetJsonAsync<PresenceSubscriptionsResponse>("/presence/subscriptions");
        Assert.Equal("active", Assert.Single(listed.Subscriptions).State);
    }

    /// <summary>The status node A's B2B UA was last notified of (not the agent's own state, which the status route would show).</summary>
    private async Task<PresenceStatusResponse> Notified(Func<PresenceStatusResponse, bool> holds, string what)
    {
        var subscription = await Eventually.Value(
            () => _a.Api.GetJsonAsync<PresenceSubscriptionsResponse>("/presence/subscriptions"),
            l => l.Subscriptions is [{ Status: { } status }] && holds(status),
            $"node A's subscription notified of {what}",
            TimeSpan.FromSeconds(30));
        return subscription.Subscriptions[0].Status!;
    }

    private string Publish(string basic)
    {
        var body = PresenceAgentSipTests.Pidf(basic);
        return $"PUBLISH {Bob} SIP/2.0\r\nVia: SIP/2.0/UDP {_phone.EndPoint};branch=z9hG4bK-{Guid.NewGuid():N}\r\nMax-Forwards: 70\r\n" +
               $"From: <{Bob}>;tag=p1\r\nTo: <{Bob}>\r\nCall-ID: pub-{Guid.NewGuid():N}\r\nCSeq: 1 PUBLISH\r\nEvent: presence\r\nExpires: 600\r\n" +
               $"Content-Type: application/pidf+xml\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";
    }

    private static async Task<InProcessNode> Start(IPEndPoint sip, IPEndPoint other, params string[] sets)
    {
        var node = await InProcessNode.StartAsync(features: [new SipFeature()], sets:
        [
            $"cluster-sip.sip.listen=[\"udp:{sip}\"]",
            "cluster-sip.presence.domains=[\"example.com\"]",
            $"cluster-sip.presence_b2b.presence_outbound_proxy=\"sip:{other}\"",
            .. sets,
        ]);
        await node.Api.WaitUntilReadyAsync();
        return node;
    }
}
