using System.Net;
using System.Net.Sockets;
using ClusterSip.Sip.Stack.Transport;
using Xunit;

namespace ClusterSip.Sip.Stack.Tests.Transport;

public sealed class SourceEndPointsTests
{
    [Fact]
    public async Task Each_source_gets_its_own_end_point_and_a_known_one_the_same_instance()
    {
        using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var a = new UdpPeer();
        using var b = new UdpPeer();
        var sources = new SourceEndPoints(AddressFamily.InterNetwork);
        var buffer = new byte[100];

        IPEndPoint Next()
        {
            receiver.ReceiveFrom(buffer, SocketFlags.None, sources.Received);
            return sources.Current();
        }

        await a.SendAsync([1], (IPEndPoint)receiver.LocalEndPoint!);
        await b.SendAsync([2], (IPEndPoint)receiver.LocalEndPoint!);
        await a.SendAsync([3], (IPEndPoint)receiver.LocalEndPoint!);

        var first = Next();
        var second = Next();
        var third = Next();

        Assert.Equal(a.EndPoint, first);
        Assert.Equal(b.EndPoint, second);
        Assert.Same(first, third);
    }
}
