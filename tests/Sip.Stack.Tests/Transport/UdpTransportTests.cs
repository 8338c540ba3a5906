using System.Net;
using System.Text;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Transport;
using Xunit;

namespace ClusterSip.Sip.Stack.Tests.Transport;

public sealed class UdpTransportTests
{
    [Fact]
    public async Task Inbound_request_reaches_the_sink_with_received_and_rport_applied()
    {
        var sink = new RecordingSink();
        await using var layer = await Loopback.StartAsync(sink);
        using var peer = new UdpPeer();

        await peer.SendAsync(SipText.Options(SipText.UdpVia("client.invalid:5099", rport: true), "udp-in"), layer.Udp());

        var inbound = await sink.NextAsync();
        var via = inbound.Message.TopVia!;
        Assert.Equal("127.0.0.1", via.Received);
        Assert.Equal(peer.EndPoint.Port, via.Rport);
        Assert.Equal(new SipEndPoint(SipProtocol.Udp, peer.EndPoint), inbound.Remote);
        Assert.Equal(layer.GetLocalEndPoint(SipProtocol.Udp), inbound.Local);
        Assert.NotEqual(0, inbound.ConnectionId);
    }

    [Fact]
    public async Task Received_is_not_added_when_sent_by_is_the_source_address()
    {
        var sink = new RecordingSink();
        await using var layer = await Loopback.StartAsync(sink);
        using var peer = new UdpPeer();

        await peer.SendAsync(SipText.Options(SipText.UdpVia(peer.SentBy), "udp-same"), layer.Udp());

        var via = (await sink.NextAsync()).Message.TopVia!;
        Assert.Null(via.Received);
        Assert.False(via.HasRport);
    }

    [Fact]
    public async Task Response_to_a_request_with_rport_goes_to_the_source_port()
    {
        var sink = new RecordingSink();
        await using var layer = await Loopback.StartAsync(sink);
        using var client = new UdpPeer();
        using var elsewhere = new UdpPeer();

        // sent-by names another port: with rport the response must still come back to the port the request came from.
        await client.SendAsync(SipText.Options(SipText.UdpVia(elsewhere.SentBy, rport: true), "udp-rport"), layer.Udp());
        var inbound = await sink.NextAsync();
        var result = await layer.SendResponseAsync(SipResponse.CreateFor((SipRequest)inbound.Message, 200), inbound.ConnectionId);

        Assert.True(result.Sent, result.Error);
        var response = (SipResponse)await client.ReceiveAsync();
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("udp-rport", response.CallId);
    }

    [Fact]
    public async Task Response_to_a_request_without_rport_goes_to_the_sent_by_port()
    {
        var sink = new RecordingSink();
        await using var layer = await Loopback.StartAsync(sink);
        using var client = new UdpPeer();
        using var sentBy = new UdpPeer();

        await client.SendAsync(SipText.Options(SipText.UdpVia(sentBy.SentBy), "udp-norport"), layer.Udp());
        var inbound = await sink.NextAsync();
        var result = await layer.SendResponseAsync(SipResponse.CreateFor((SipRequest)inbound.Message, 200), inbound.ConnectionId);

        Assert.True(result.Sent, result.Error);
        var response = (SipResponse)await sentBy.ReceiveAsync();
        Assert.Equal("udp-norport", response.CallId);
    }

    [Fact]
    public async Task Malformed_datagram_gets_a_400_with_the_reason_and_is_counted()
    {
        using var meters = new TestMeterFactory();
        var sink = new RecordingSink();
        await using var layer = await Loopback.StartAsync(sink, meters: meters);
        using var peer = new UdpPeer();

        await peer.SendAsync(SipText.BadRequestUri(SipText.UdpVia(peer.SentBy), "udp-bad"), layer.Udp());

        var response = (SipResponse)await peer.ReceiveAsync();
        Assert.Equal(400, response.StatusCode);
        Assert.StartsWith("Bad Request (", response.ReasonPhrase, StringComparison.Ordinal);
        Assert.Contains("Request-URI", response.ReasonPhrase, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("udp-bad", response.CallId);
        Assert.Equal(1, meters.Sum("malformed", "reason", "syntax"));
    }

    [Fact]
    public async Task Unreplyable_garbage_is_dropped_and_counted_and_the_listener_keeps_serving()
    {
        using var meters = new TestMeterFactory();
        var sink = new RecordingSink();
        await using var layer = await Loopback.StartAsync(sink, meters: meters);
        using var peer = new UdpPeer();

        await peer.SendAsync("\x01\x02 this is not SIP\r\n\r\n", layer.Udp());
        await peer.SendAsync(SipText.BadRequestUri(SipText.UdpVia(peer.SentBy), "udp-after-garbage"), layer.Udp());
        await peer.SendAsync(SipText.Options(SipText.UdpVia(peer.SentBy), "udp-valid"), layer.Udp());

        // The first datagram back answers the second one sent: the garbage got no reply.
        var first = (SipResponse)await peer.ReceiveAsync();
        Assert.Equal("udp-after-garbage", first.CallId);
        Assert.Equal("udp-valid", (await sink.NextAsync()).Message.CallId);
        Assert.Equal(1, meters.Sum("malformed", "reason", "unrecognized"));
    }

    [Fact]
    public async Task Oversized_datagram_gets_a_513()
    {
        using var meters = new TestMeterFactory();
        var sink = new RecordingSink();
        var settings = Loopback.Settings() with { MaxMessageSize = 1000 };
        await using var layer = await Loopback.StartAsync(sink, settings, meters);
        using var peer = new UdpPeer();

        await peer.SendAsync(SipText.Request("MESSAGE", SipText.UdpVia(peer.SentBy), "udp-big", new string('x', 1500)), layer.Udp());

        var response = (SipResponse)await peer.ReceiveAsync();
        Assert.Equal(513, response.StatusCode);
        Assert.Equal("udp-big", response.CallId);
        Assert.Equal(1, meters.Sum("malformed", "reason", "too_large"));
    }

    [Fact]
    public async Task A_response_is_handed_to_the_sink_whatever_its_Via()
    {
        var sink = new RecordingSink();
        await using var layer = await Loopback.StartAsync(sink);
        using var peer = new UdpPeer();
        var text = "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKnotours\r\n" +
            "From: <sip:a@example.com>;tag=1\r\nTo: <sip:b@example.com>;tag=2\r\nCall-ID: udp-resp\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";

        await peer.SendAsync(text, layer.Udp());

        var inbound = await sink.NextAsync();
        Assert.IsType<SipResponse>(inbound.Message);
        Assert.Equal("udp-resp", inbound.Message.CallId);
    }

    [Fact]
    public async Task SendRequestAsync_reaches_a_UDP_destination_from_the_listening_port()
    {
        var sink = new RecordingSink();
        await using var layer = await Loopback.StartAsync(sink);
        using var peer = new UdpPeer();
        var request = (SipRequest)Sip.Parsing.SipParser.Parse(SipText.Options(SipText.UdpVia(layer.Udp().ToString()), "udp-out"));

        var result = await layer.SendRequestAsync(request, new SipEndPoint(SipProtocol.Udp, peer.EndPoint));

        Assert.True(result.Sent, result.Error);
        Assert.Equal("udp-out", (await peer.ReceiveAsync()).CallId);
    }

    [Fact]
    public async Task A_UDP_destination_of_a_family_with_no_listener_is_a_failed_SendResult()
    {
        await using var layer = await Loopback.StartAsync(new RecordingSink());
        var request = (SipRequest)Sip.Parsing.SipParser.Parse(SipText.Options(SipText.UdpVia(layer.Udp().ToString()), "no-v6"));

        var result = await layer.SendRequestAsync(request, new SipEndPoint(SipProtocol.Udp, new IPEndPoint(IPAddress.IPv6Loopback, 5060)));

        Assert.False(result.Sent);
        Assert.Contains("no UDP listener", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_receive_loops_deliver_every_datagram()
    {
        var sink = new RecordingSink();
        await using var layer = await Loopback.StartAsync(sink, Loopback.Settings() with { UdpReceiveLoops = 4 });
        using var peer = new UdpPeer();

        for (var i = 0; i < 20; i++)
        {
            await peer.SendAsync(Encoding.UTF8.GetBytes(SipText.Options(SipText.UdpVia(peer.SentBy), "loop-" + i)), layer.Udp());
        }

        var ids = new HashSet<string?>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add((await sink.NextAsync()).Message.CallId);
        }

        Assert.Equal(Enumerable.Range(0, 20).Select(i => (string?)("loop-" + i)).ToHashSet(), ids);
    }
}
