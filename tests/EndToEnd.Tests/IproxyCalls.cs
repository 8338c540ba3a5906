using ClusterSip.InteractionProxy.Clusters;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.EndToEnd.Tests;

/// <summary>SIPp calls for the Interaction Proxy tests, and the events a whole call gives a client.</summary>
internal static class IproxyCalls
{
    public static readonly TimeSpan CallerLimit = TimeSpan.FromSeconds(90);

    public static readonly string[] CompleteCall = ["EventDialing", "EventRinging", "EventEstablished", "EventReleased"];

    /// <summary>Events that happen after this reach the client's node: the client cluster counts it.</summary>
    public static Task AwaitClientNodeAsync(ProxyNode node, string clusterId, string nodeId) =>
        Eventually.Value(() => node.Node.Api.GetJsonAsync<ClientClusterInfo>($"/iproxy/clusters/{clusterId}"),
            c => c.Ready && c.Nodes.Any(n => n.NodeId == nodeId && n.Connected), $"client cluster {clusterId} counting {nodeId}");

    /// <summary><c>sipp -sn uac</c> through the node, <paramref name="calls"/> at 10 a second; every one must complete.</summary>
    public static async Task CallAsync(ProxyNode node, int calls, params string[] extra)
    {
        var run = await Sipp.RunAsync(CallerLimit, ["-sn", "uac", node.Target, "-i", "127.0.0.1", "-p", FreePorts.Next().ToString(), "-m", calls.ToString(), "-r", "10", "-timeout", "60s", .. extra]);
        Assert.True(run.ExitCode == 0 && run.SuccessfulCalls == calls, run.ToString());
    }
}
