using System.Net;
using System.Net.Sockets;
using System.Text;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;
using Xunit;

namespace ClusterSip.EndToEnd.Tests;

/// <summary>
/// RFC 4475 section 3.3 messages sent to a running node: the answer the RFC expects of an element, over the wire.
/// Each message's top Via is pointed at the test's socket so that the answer comes back to it; nothing else changes.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class TortureResponseTests : IAsyncLifetime
{
    private ProxyNode _node = null!;

    public async Task InitializeAsync() =>
        _node = await ProxyNode.StartAsync("cluster-sip.routing.default-destinations=[\"sip:127.0.0.1:9\"]"); // a proxy that would relay

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Theory]
    [InlineData("zeromf", 483)]   // 3.3.13: Max-Forwards 0 at a proxy
    [InlineData("unkscm", 416)]   // 3.3.2: unknown Request-URI scheme
    [InlineData("novelsc", 416)]  // 3.3.3: a scheme a proxy does not know
    [InlineData("bext01", 420)]   // 3.3.5: unknown Proxy-Require option
    [InlineData("insuf", 400)]    // 3.3.1: missing mandatory headers
    [InlineData("multi01", 400)]  // 3.3.9: several values in single-value headers
    [InlineData("mcl01", 400)]    // 3.3.10: several Content-Length values
    public async Task The_node_answers_as_the_rfc_expects(string name, int expected)
    {
        var reply = await SendAsync(name);

        Assert.Equal(expected, reply.StatusCode);
        if (expected == 420)
        {
            Assert.Equal("noProxiesSupportThis, norDoAnyProxiesSupportThis", reply.Headers.Get(HeaderNames.Unsupported)); // a proxy checks Proxy-Require only
        }
    }

    private async Task<SipResponse> SendAsync(string name)
    {
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var local = (IPEndPoint)client.Client.LocalEndPoint!;
        var request = (SipRequest)SipParser.Parse(await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "rfc4475", name + ".dat")));
        var via = request.TopVia!;
        request.SetTopVia(new ViaHeader("UDP", "127.0.0.1", local.Port, via.Parameters));

        await client.SendAsync(request.ToBytes(), _node.EndPoint);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var datagram = await client.ReceiveAsync(timeout.Token);
            if (SipParser.Parse(datagram.Buffer) is SipResponse { StatusCode: >= 200 } response)
            {
                return response;
            }
        }
    }
}
