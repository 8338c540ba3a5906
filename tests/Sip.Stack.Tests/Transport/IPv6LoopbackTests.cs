using ClusterSip.Tests.Support;
using System.Net;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Transport;
using Xunit;

namespace ClusterSip.Sip.Stack.Tests.Transport;

/// <summary>Runs over ::1 when the machine has IPv6 loopback; otherwise there is nothing to test and it passes.</summary>
public sealed class IPv6LoopbackTests
{
    [Fact]
    public async Task UDP_and_TCP_work_over_IPv6_loopback()
    {
        if (!Loopback.HasIPv6())
        {
            return;
        }

        var sink = new RecordingSink();
        await using var layer = await Loopback.StartAsync(sink, Loopback.Settings(IPAddress.IPv6Loopback));
        using var udp = new UdpPeer(IPAddress.IPv6Loopback);

        await udp.SendAsync(SipText.Options(SipText.UdpVia("client.invalid", rport: true), "v6-udp"), layer.Udp());
        var inbound = await sink.NextAsync();
        Assert.Equal("::1", inbound.Message.TopVia!.Received);
        Assert.Equal(udp.EndPoint.Port, inbound.Message.TopVia.Rport);
        var sent = await layer.SendResponseAsync(SipResponse.CreateFor((SipRequest)inbound.Message, 200), inbound.ConnectionId);
        Assert.True(sent.Sent, sent.Error);
        Assert.Equal("v6-udp", (await udp.ReceiveAsync()).CallId);

        using var tcp = await TcpPeer.ConnectAsync(layer.Tcp());
        await tcp.SendAsync(SipText.Options(SipText.TcpVia("[::1]:5060"), "v6-tcp"));
        var overTcp = await sink.NextAsync();
        Assert.Equal(SipProtocol.Tcp, overTcp.Local.Protocol);
        Assert.Null(overTcp.Message.TopVia!.Received);
        Assert.True((await layer.SendResponseAsync(SipResponse.CreateFor((SipRequest)overTcp.Message, 200), overTcp.ConnectionId)).Sent);
        Assert.Equal("v6-tcp", (await tcp.ReadMessageAsync()).CallId);
    }
}
