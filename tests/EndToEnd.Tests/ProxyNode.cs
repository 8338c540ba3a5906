using System.Net;
using ClusterSip.Node.Sip;
using ClusterSip.Tests.Support;

namespace ClusterSip.EndToEnd.Tests;

/// <summary>
/// A node whose SIP stack listens on free loopback ports (UDP and TCP on the same port), started in-process through
/// the executable's bootstrap, with the routing the test gives as --set lines.
/// </summary>
public sealed class ProxyNode : IAsyncDisposable
{
    private ProxyNode(InProcessNode node, int port)
    {
        Node = node;
        Port = port;
    }

    public InProcessNode Node { get; }

    public int Port { get; }

    /// <summary>"127.0.0.1:PORT", SIPp's remote host argument.</summary>
    public string Target => $"127.0.0.1:{Port}";

    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    public static Task<ProxyNode> StartAsync(params string[] sets) => StartAsync(new SipFeature(), sets);

    public static async Task<ProxyNode> StartAsync(SipFeature sip, params string[] sets)
    {
        var port = FreePorts.Next();
        var node = await InProcessNode.StartAsync(null, [sip],
            [$"cluster-sip.sip.listen=[\"udp:127.0.0.1:{port}\", \"tcp:127.0.0.1:{port}\"]", .. sets]);
        await Eventually.Value(() => node.Api.StatusOfAsync("/health/ready"), s => s == HttpStatusCode.OK, "the node becoming ready");
        return new ProxyNode(node, port);
    }

    public ValueTask DisposeAsync() => Node.DisposeAsync();
}
