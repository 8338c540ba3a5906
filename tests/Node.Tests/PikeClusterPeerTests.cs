using System.Net;
using ClusterSip.Node.Management;
using ClusterSip.Node.Registrar;
using ClusterSip.Node.Sip;
using ClusterSip.Node.Tests.Support;
using ClusterSip.Tests.Support;
using Xunit;
using static ClusterSip.Node.Tests.Support.SipRequests;

namespace ClusterSip.Node.Tests;

/// <summary>
/// The pike exempts the other members of the cluster by themselves: node A learns node B's host (127.0.0.1 here) from
/// cluster membership, so a loopback source over A's limit is not blocked while B is up (A alone blocks it: PikeNodeTests).
/// </summary>
[Collection(NodesCollection.Name)]
public sealed class PikeClusterPeerTests : IAsyncLifetime
{
    private readonly IPEndPoint _sipA = new(IPAddress.Loopback, FreePorts.Next());
    private readonly IPEndPoint _sipB = new(IPAddress.Loopback, FreePorts.Next());
    private InProcessNode _a = null!;
    private InProcessNode? _b;

    public async Task InitializeAsync()
    {
        _a = await Start(_sipA);
        _b = await Start(_sipB, "cluster-sip.cluster.join=seed-nodes", $"cluster-sip.cluster.seed-nodes=[\"{_a.Address}\"]");
        await Eventually.Value(() => _a.Api.MembersAsync(), m => m.Members.Count(x => x.Status == "Up") == 2, "both nodes up");
    }

    public async Task DisposeAsync()
    {
        if (_b is not null)
        {
            await _b.DisposeAsync();
        }

        await _a.DisposeAsync();
    }

    [Fact]
    public async Task A_source_at_a_cluster_members_address_is_never_limited()
    {
        var security = await Eventually.Value(
            () => _a.Api.GetJsonAsync<BlockedSourcesResponse>("/security/blocked"), s => s.ClusterPeers.Count > 0, "node B trusted by node A");
        Assert.Equal(["127.0.0.1"], security.ClusterPeers);

        using var ua = new LoopbackUa();
        for (var cseq = 1; cseq <= 6; cseq++)
        {
            Assert.Equal(200, (await ua.Request(_sipA, Register(ua, cseq, $"sip:bob@{ua.EndPoint}"))).StatusCode);
        }

        Assert.Empty((await _a.Api.GetJsonAsync<BlockedSourcesResponse>("/security/blocked")).Blocked);
    }

    [Fact]
    public async Task A_member_that_left_is_no_longer_trusted()
    {
        await Eventually.Value(() => _a.Api.GetJsonAsync<BlockedSourcesResponse>("/security/blocked"), s => s.ClusterPeers.Count > 0, "node B trusted");

        await _b!.DisposeAsync(); // leaves the cluster gracefully
        _b = null;

        await Eventually.Value(() => _a.Api.GetJsonAsync<BlockedSourcesResponse>("/security/blocked"), s => s.ClusterPeers.Count == 0, "node B no longer trusted");
    }

    private static async Task<InProcessNode> Start(IPEndPoint sip, params string[] extra)
    {
        var node = await InProcessNode.StartAsync(features: [new RegistrarFeature(), new SipFeature()], sets:
        [
            $"cluster-sip.sip.listen=[\"udp:{sip}\"]",
            "cluster-sip.sip.pike.requests=2",
            "cluster-sip.sip.pike.period=1m",
            "cluster-sip.sip.pike.block-time=5m",
            "cluster-sip.sip.pike.udp-action=reply",
            "cluster-sip.sip.pike.exempt-loopback=off",
            "cluster-sip.registrar.domains=[\"example.com\"]",
            "cluster-sip.registrar.lookup-timeout=30s",
            .. extra,
        ]);
        await node.Api.WaitUntilReadyAsync();
        return node;
    }
}
