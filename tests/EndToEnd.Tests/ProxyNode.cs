using System.Net;
using ClusterSip.Node.Hosting;
using ClusterSip.Node.Sip;
using ClusterSip.Tests.Support;

namespace ClusterSip.EndToEnd.Tests;

/// <summary>
/// A node whose SIP stack listens on free loopback ports (UDP and TCP on the same port), started in-process through
/// the executable's bootstrap, with the routing the test gives as --set lines.
/// </summary>
public sealed class ProxyNode : IAsyncDisposable
{
    private ProxyNode(InProcessNode node, int port, int interactionProxyPort)
    {
        Node = node;
        Port = port;
        InteractionProxy = new IPEndPoint(IPAddress.Loopback, interactionProxyPort);
    }

    public InProcessNode Node { get; }

    public int Port { get; }

    /// <summary>"127.0.0.1:PORT", SIPp's remote host argument.</summary>
    public string Target => $"127.0.0.1:{Port}";

    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    /// <summary>The Interaction Proxy's listener (only a node started with every feature runs one).</summary>
    public IPEndPoint InteractionProxy { get; }

    public static Task<ProxyNode> StartAsync(params string[] sets) => StartAsync(new SipFeature(), sets);

    public static Task<ProxyNode> StartAsync(SipFeature sip, params string[] sets) => StartAsync([sip], sets);

    /// <summary>A node with every feature of the executable (callstore, registrar, SIP with dialogs, Interaction Proxy).</summary>
    public static Task<ProxyNode> StartWithEveryFeatureAsync(params string[] sets) => StartAsync(NodeFeatures.All, sets);

    private static async Task<ProxyNode> StartAsync(IReadOnlyList<INodeFeature> features, string[] sets)
    {
        var port = FreePorts.Next();
        var interactionProxyPort = FreePorts.Next();
        var node = await InProcessNode.StartAsync(null, features,
        [
            $"cluster-sip.sip.listen=[\"udp:127.0.0.1:{port}\", \"tcp:127.0.0.1:{port}\"]",
            $"cluster-sip.interaction-proxy.port={interactionProxyPort}",
            .. sets,
        ]);
        await node.Api.WaitUntilReadyAsync();
        return new ProxyNode(node, port, interactionProxyPort);
    }

    public ValueTask DisposeAsync() => Node.DisposeAsync();
}
