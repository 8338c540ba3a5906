using System.Net;
using ClusterSip.Node.Management;
using ClusterSip.Node.Registrar;
using ClusterSip.Node.Sip;
using ClusterSip.Node.Tests.Support;
using ClusterSip.Sip.Headers;
using ClusterSip.Tests.Support;
using Xunit;
using static ClusterSip.Node.Tests.Support.SipRequests;

namespace ClusterSip.Node.Tests;

/// <summary>cluster-sip.sip.pike on a node: a source over the limit is answered 503, listed on GET /security/blocked, counted on /metrics.</summary>
[Collection(NodesCollection.Name)]
public sealed class PikeNodeTests : IAsyncLifetime
{
    private readonly IPEndPoint _sip = new(IPAddress.Loopback, FreePorts.Next());
    private InProcessNode _node = null!;

    public async Task InitializeAsync()
    {
        _node = await InProcessNode.StartAsync(features: [new RegistrarFeature(), new SipFeature()], sets:
        [
            $"cluster-sip.sip.listen=[\"udp:{_sip}\"]",
            "cluster-sip.sip.pike.requests=2",
            "cluster-sip.sip.pike.period=1m",
            "cluster-sip.sip.pike.block-time=5m",
            "cluster-sip.sip.pike.udp-action=reply",
            "cluster-sip.sip.pike.exempt-loopback=off",
            "cluster-sip.registrar.domains=[\"example.com\"]",
            "cluster-sip.registrar.lookup-timeout=30s",
        ]);
        await _node.Api.WaitUntilReadyAsync();
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task A_source_over_the_limit_gets_503_and_is_listed_as_blocked()
    {
        var before = await _node.Api.GetJsonAsync<BlockedSourcesResponse>("/security/blocked");
        Assert.Empty(before.Blocked);
        Assert.Empty(before.ClusterPeers); // the node itself is not a peer
        using var ua = new LoopbackUa();
        var contact = $"sip:bob@{ua.EndPoint}";
        Assert.Equal(200, (await ua.Request(_sip, Register(ua, 1, contact))).StatusCode);
        Assert.Equal(200, (await ua.Request(_sip, Register(ua, 2, contact))).StatusCode);

        var refused = await ua.Request(_sip, Register(ua, 3, contact));

        Assert.Equal(503, refused.StatusCode);
        Assert.Equal("300", refused.Headers.Get(HeaderNames.RetryAfter));
        var blocked = Assert.Single((await _node.Api.GetJsonAsync<BlockedSourcesResponse>("/security/blocked")).Blocked);
        Assert.Equal("127.0.0.1", blocked.Address);
        Assert.InRange(blocked.Until, DateTimeOffset.UtcNow.AddMinutes(4), DateTimeOffset.UtcNow.AddMinutes(5));
        var metrics = await (await _node.Api.GetAsync("/metrics")).Content.ReadAsStringAsync();
        Assert.Contains("clustersip_sip_transport_pike_blocked", metrics);
    }
}
