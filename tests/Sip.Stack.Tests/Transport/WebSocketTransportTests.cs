using System.Net;
using System.Net.WebSockets;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;
using ClusterSip.Sip.Stack.Transport;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.Sip.Stack.Tests.Transport;

/// <summary>SIP over WebSocket (RFC 7118) with real WebSocket clients on loopback.</summary>
public sealed class WebSocketTransportTests : IDisposable
{
    private const string InvalidVia = "SIP/2.0/WS df7jal23ls0d.invalid;branch=z9hG4bK";

    private readonly TestCertificates _certificates = new();

    public void Dispose() => _certificates.Dispose();

    [Fact]
    public async Task A_request_in_one_WebSocket_message_arrives_as_WS_and_its_response_returns_in_one_message()
    {
        using var meters = new TestMeterFactory();
        var sink = new RecordingSink();
        await using var layer = await Loopback.StartAsync(sink, Settings(), meters);
        using var browser = await WsPeer.ConnectAsync(WsPeer.Address("ws", Listener(layer, SipProtocol.Ws)));

        await browser.SendAsync(SipText.Options(InvalidVia + Guid.NewGuid().ToString("N"), "ws-in"));
        var inbound = await sink.NextAsync();
        var result = await layer.SendResponseAsync(SipResponse.CreateFor((SipRequest)inbound.Message, 200), inbound.ConnectionId);

        Assert.Equal("sip", browser.SubProtocol);
        Assert.Equal(SipProtocol.Ws, inbound.Remote.Protocol);
        var via = inbound.Message.TopVia!;
        Assert.Equal(("127.0.0.1", inbound.Remote.Address.Port), (via.Received, via.Rport));
        Assert.True(result.Sent, result.Error);
        var response = (SipResponse)await browser.ReceiveMessageAsync();
        Assert.Equal((200, "ws-in"), (response.StatusCode, response.CallId));
        meters.RecordObservables();
        Assert.Equal(1, meters.Sum("messages.received", "protocol", "ws"));
    }

    [Fact]
    public async Task A_request_to_a_WebSocket_client_goes_over_its_connection_and_none_is_ever_opened_to_it()
    {
        var sink = new RecordingSink();
        await using var layer = await Loopback.StartAsync(sink, Settings());
        using var browser = await WsPeer.ConnectAsync(WsPeer.Address("ws", Listener(layer, SipProtocol.Ws)));
        await browser.SendAsync(SipText.Options(InvalidVia + Guid.NewGuid().ToString("N"), "ws-register"));
        var flow = (await sink.NextAsync()).Remote;

        var via = $"SIP/2.0/WS {Listener(layer, SipProtocol.Ws)};branch=z9hG4bK{Guid.NewGuid():N}";
        var sent = await layer.SendRequestAsync((SipRequest)SipParser.Parse(SipText.Options(via, "to-browser")), flow);
        var elsewhere = await layer.SendRequestAsync(
            (SipRequest)SipParser.Parse(SipText.Options(via, "to-nobody")), new SipEndPoint(SipProtocol.Ws, new IPEndPoint(IPAddress.Loopback, 9)));

        Assert.True(sent.Sent, sent.Error);
        Assert.Equal("to-browser", (await browser.ReceiveMessageAsync()).CallId);
        Assert.False(elsewhere.Sent);
        Assert.Contains("RFC 7118", elsewhere.Error);
    }

    [Fact]
    public async Task A_CRLF_keep_alive_message_gets_a_CRLF()
    {
        var sink = new RecordingSink();
        await using var layer = await Loopback.StartAsync(sink, Settings());
        using var browser = await WsPeer.ConnectAsync(WsPeer.Address("ws", Listener(layer, SipProtocol.Ws)));

        await browser.SendAsync("\r\n\r\n");

        Assert.Equal("\r\n"u8.ToArray(), await browser.ReceiveAsync());
    }

    [Fact]
    public async Task A_client_that_does_not_offer_the_sip_subprotocol_is_refused()
    {
        using var meters = new TestMeterFactory();
        var sink = new RecordingSink();
        await using var layer = await Loopback.StartAsync(sink, Settings(), meters);

        await Assert.ThrowsAsync<WebSocketException>(() => WsPeer.ConnectAsync(WsPeer.Address("ws", Listener(layer, SipProtocol.Ws)), subProtocol: null));
        Assert.Equal(1, meters.Sum("malformed", "protocol", "ws"));
    }

    [Fact]
    public async Task An_upgrade_request_not_completed_within_the_message_read_timeout_is_cut()
    {
        using var meters = new TestMeterFactory();
        var sink = new RecordingSink();
        await using var layer = await Loopback.StartAsync(sink, Settings() with { TcpMessageReadTimeout = TimeSpan.FromMilliseconds(500) }, meters);
        using var slow = await TcpPeer.ConnectAsync(Listener(layer, SipProtocol.Ws));

        await slow.SendAsync("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n");

        Assert.True(await slow.IsClosedWithinAsync(Wait.Bound));
        Assert.Equal(1, meters.Sum("tcp.read.timeouts"));
    }

    [Fact]
    public async Task Secure_WebSocket_carries_SIP_over_TLS()
    {
        var sink = new RecordingSink();
        await using var layer = await Loopback.StartAsync(sink, Settings());
        using var browser = await WsPeer.ConnectAsync(WsPeer.Address("wss", Listener(layer, SipProtocol.Wss)), configure: options =>
            options.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && certificate.GetCertHashString() == _certificates.Server.GetCertHashString());

        await browser.SendAsync(SipText.Options(InvalidVia.Replace("/WS ", "/WSS ", StringComparison.Ordinal) + Guid.NewGuid().ToString("N"), "wss-in"));

        var inbound = await sink.NextAsync();
        Assert.Equal(SipProtocol.Wss, inbound.Remote.Protocol);
        Assert.Equal("wss-in", inbound.Message.CallId);
    }

    private TransportSettings Settings() => NodeConfDefaults.Transport with
    {
        Listen =
        [
            new(SipProtocol.Udp, new IPEndPoint(IPAddress.Loopback, 0)),
            new(SipProtocol.Ws, new IPEndPoint(IPAddress.Loopback, 0)),
            new(SipProtocol.Wss, new IPEndPoint(IPAddress.Loopback, 0)),
        ],
        UdpReceiveLoops = 1,
        Tls = _certificates.Settings(NodeConfDefaults.Transport.Tls),
    };

    private static IPEndPoint Listener(SipTransportLayer layer, SipProtocol protocol) => layer.GetLocalEndPoint(protocol).Address;
}
