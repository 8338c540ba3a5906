using System.Net;
using System.Net.Sockets;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;
using ClusterSip.Sip.Stack.Transport;
using ClusterSip.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ClusterSip.Sip.Stack.Tests.Transport;

public sealed class LifecycleTests
{
    [Fact]
    public async Task LocalEndPoints_report_the_bound_ports_in_configuration_order()
    {
        await using var layer = await Loopback.StartAsync(new RecordingSink());

        Assert.Equal([SipProtocol.Udp, SipProtocol.Tcp], layer.LocalEndPoints.Select(e => e.Protocol));
        Assert.All(layer.LocalEndPoints, e => Assert.NotEqual(0, e.Address.Port));
        Assert.Equal(layer.LocalEndPoints[1], layer.GetLocalEndPoint(SipProtocol.Tcp));
    }

    [Fact]
    public async Task A_listener_that_cannot_bind_fails_the_start_and_leaves_nothing_bound()
    {
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var free = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        free.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var tcpPort = ((IPEndPoint)free.LocalEndPoint!).Port;
        free.Dispose();
        var settings = Loopback.Settings() with
        {
            Listen =
            [
                new(SipProtocol.Tcp, new IPEndPoint(IPAddress.Loopback, tcpPort)),
                new(SipProtocol.Udp, (IPEndPoint)taken.LocalEndPoint!),
            ],
        };
        await using var layer = new SipTransportLayer();

        await Assert.ThrowsAsync<SocketException>(() => layer.StartAsync(settings, new RecordingSink()));

        using var rebind = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        rebind.Bind(new IPEndPoint(IPAddress.Loopback, tcpPort));
    }

    [Fact]
    public async Task A_throwing_sink_does_not_stop_the_listener_and_is_logged_with_its_cause()
    {
        using var meters = new TestMeterFactory();
        var log = new RecordingLogger();
        var sink = new ThrowingSink();
        await using var layer = await Loopback.StartAsync(sink, meters: meters, log: log);
        using var peer = new UdpPeer();

        await peer.SendAsync(SipText.Options(SipText.UdpVia(peer.SentBy), "sink-throws"), layer.Udp());
        await peer.SendAsync(SipText.Options(SipText.UdpVia(peer.SentBy), "sink-ok"), layer.Udp());

        Assert.Equal("sink-ok", (await sink.After.NextAsync()).Message.CallId);
        Assert.Equal(1, meters.Sum("faults", "stage", "sink"));
        var (level, message, error) = Assert.Single(log.EntriesWithErrors);
        Assert.Equal(LogLevel.Warning, level);
        Assert.Contains("InvalidOperationException: sink failure", message);
        Assert.Contains("request from udp:" + peer.SentBy, message);
        Assert.IsType<InvalidOperationException>(error);
    }

    [Fact]
    public async Task Disposing_closes_connections_and_later_sends_fail()
    {
        var layer = await Loopback.StartAsync(new RecordingSink());
        using var peer = await TcpPeer.ConnectAsync(layer.Tcp());
        var request = (SipRequest)SipParser.Parse(SipText.Options(SipText.UdpVia("127.0.0.1:5060"), "after-dispose"));

        await layer.DisposeAsync();

        Assert.True(await peer.IsClosedAsync());
        Assert.False((await layer.SendRequestAsync(request, new SipEndPoint(SipProtocol.Udp, new IPEndPoint(IPAddress.Loopback, 9)))).Sent);
    }
}
