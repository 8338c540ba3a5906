using System.Net;
using System.Net.Http.Json;
using ClusterSip.Node.Hosting;
using ClusterSip.Node.Management;
using ClusterSip.Node.Tests.Support;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.Node.Tests;

[Collection(NodesCollection.Name)]
public sealed class ReadinessTests
{
    /// <summary>A feature with one listener that binds only when the test says so.</summary>
    private sealed class SlowListenerFeature : INodeFeature
    {
        public NodeContext? Context { get; private set; }

        public string Name => "slow listener";

        public Task StartAsync(NodeContext context, CancellationToken cancellationToken)
        {
            Context = context;
            context.Listeners.Register("sip-udp", "udp:127.0.0.1:5999");
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task A_node_is_ready_once_it_is_Up_and_every_registered_listener_is_bound()
    {
        var feature = new SlowListenerFeature();
        await using var node = await InProcessNode.StartAsync(features: [feature]);

        var unready = await Eventually.Value(
            async () =>
            {
                using var response = await node.Api.GetAsync("/health/ready");
                return (response.StatusCode, Body: await response.Content.ReadFromJsonAsync<ReadinessResponse>());
            },
            r => r.Body?.MemberStatus == "Up",
            "the member becoming Up");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unready.StatusCode);
        Assert.False(unready.Body!.Ready);
        Assert.Contains(unready.Body.Listeners, l => l is { Name: "sip-udp", Bound: false });
        Assert.Contains(unready.Body.Listeners, l => l is { Name: "management", Bound: true });

        feature.Context!.Listeners.MarkBound("sip-udp", "udp:127.0.0.1:5999");

        Assert.Equal(HttpStatusCode.OK, await node.Api.StatusOfAsync("/health/ready"));
        await node.WaitForLogAsync("sip-udp listening on udp:127.0.0.1:5999");
    }

    [Fact]
    public async Task Without_a_token_the_api_binds_to_loopback_only_and_says_so()
    {
        await using var node = await InProcessNode.StartAsync(sets: "cluster-sip.management.host=0.0.0.0");

        Assert.Equal("127.0.0.1", node.Node.ManagementUri.Host);
        await node.WaitForLogAsync("bound to 127.0.0.1 only instead of 0.0.0.0");
        Assert.Contains(node.Log.Split('\n'), line => line.Contains("level=warning") && line.Contains("management.token is empty"));
        Assert.Equal(HttpStatusCode.OK, await node.Api.StatusOfAsync("/cluster/members"));
    }
}
