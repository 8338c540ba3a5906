using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;
using ClusterSip.Sip.Stack.Transport;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.Sip.Stack.Tests.Transport;

public sealed class TlsTransportTests : IDisposable
{
    private readonly TestCertificates _certificates = new();

    public void Dispose() => _certificates.Dispose();

    [Fact]
    public async Task A_request_over_TLS_arrives_as_TLS_and_its_response_returns_on_the_connection()
    {
        using var meters = new TestMeterFactory();
        var sink = new RecordingSink();
        await using var layer = await Loopback.StartAsync(sink, Settings(), meters);
        using var peer = await TcpPeer.ConnectTlsAsync(Tls(layer), _certificates.ClientOptions());

        // Port 9 has no listener: only the open connection can deliver the response.
        await peer.SendAsync(SipText.Options(SipText.TlsVia("127.0.0.1:9"), "tls-in"));
        var inbound = await sink.NextAsync();
        var result = await layer.SendResponseAsync(SipResponse.CreateFor((SipRequest)inbound.Message, 200), inbound.ConnectionId);

        Assert.Equal(SipProtocol.Tls, inbound.Local.Protocol);
        Assert.Equal(SipProtocol.Tls, inbound.Remote.Protocol);
        Assert.True(result.Sent, result.Error);
        var response = (SipResponse)await peer.ReadMessageAsync();
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("tls-in", response.CallId);
        meters.RecordObservables();
        Assert.Equal(1, meters.Sum("messages.received", "protocol", "tls"));
        Assert.Equal(1, meters.Sum("messages.sent", "protocol", "tls"));
        Assert.Equal(1, meters.Sum("tcp.connections", "protocol", "tls"));
    }

    [Fact]
    public async Task Keep_alives_and_framing_work_over_TLS_as_over_TCP()
    {
        using var meters = new TestMeterFactory();
        var sink = new RecordingSink();
        await using var layer = await Loopback.StartAsync(sink, Settings(), meters);
        using var peer = await TcpPeer.ConnectTlsAsync(Tls(layer), _certificates.ClientOptions());

        await peer.SendAsync("\r\n\r\n");
        Assert.Equal("\r\n"u8.ToArray(), await peer.ReadBytesAsync(2));
        await peer.SendAsync(SipText.Options(SipText.TlsVia("127.0.0.1:5061"), "tls-1") + SipText.Options(SipText.TlsVia("127.0.0.1:5061"), "tls-2"));

        Assert.Equal("tls-1", (await sink.NextAsync()).Message.CallId);
        Assert.Equal("tls-2", (await sink.NextAsync()).Message.CallId);
        Assert.Equal(1, meters.Sum("keepalives.answered", "protocol", "tls"));
    }

    [Fact]
    public async Task A_request_to_a_TLS_destination_goes_over_a_verified_connection_that_carries_the_answer_back()
    {
        var sink = new RecordingSink();
        await using var layer = await Loopback.StartAsync(sink, Settings());
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var target = new SipEndPoint(SipProtocol.Tls, (IPEndPoint)listener.LocalEndpoint);

        var sending = layer.SendRequestAsync(Options("tls-out", layer), target).AsTask();
        using var callee = new TcpPeer(await listener.AcceptSocketAsync(new CancellationTokenSource(Wait.Bound).Token));
        await callee.AuthenticateAsServerAsync(_certificates.ServerOptions());
        var result = await sending;

        Assert.True(result.Sent, result.Error);
        var request = (SipRequest)await callee.ReadMessageAsync();
        Assert.Equal("tls-out", request.CallId);
        await callee.SendAsync(SipResponse.CreateFor(request, 200).ToString());
        var response = await sink.NextAsync();
        Assert.Equal(200, ((SipResponse)response.Message).StatusCode);
        Assert.Equal(SipProtocol.Tls, response.Remote.Protocol);
    }

    [Fact]
    public async Task A_server_whose_certificate_is_not_trusted_is_refused_and_the_send_fails()
    {
        using var meters = new TestMeterFactory();
        using var stranger = new TestCertificates("Unknown CA");
        var sink = new RecordingSink();
        await using var layer = await Loopback.StartAsync(sink, Settings(), meters);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var target = new SipEndPoint(SipProtocol.Tls, (IPEndPoint)listener.LocalEndpoint);

        var sending = layer.SendRequestAsync(Options("tls-untrusted", layer), target).AsTask();
        using var impostor = new TcpPeer(await listener.AcceptSocketAsync(new CancellationTokenSource(Wait.Bound).Token));
        await AuthenticateIgnoringRefusalAsync(impostor, stranger);
        var result = await sending;

        Assert.False(result.Sent);
        Assert.Contains("TLS handshake", result.Error);
        Assert.Equal(1, meters.Sum("tls.handshake.failures", "direction", "outbound"));
    }

    [Fact]
    public async Task A_server_certificate_for_another_name_is_refused()
    {
        var sink = new RecordingSink();
        await using var layer = await Loopback.StartAsync(sink, Settings());
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var target = new SipEndPoint(SipProtocol.Tls, (IPEndPoint)listener.LocalEndpoint) { ServerName = "sip.example.com" };

        var sending = layer.SendRequestAsync(Options("tls-name", layer), target).AsTask();
        using var callee = new TcpPeer(await listener.AcceptSocketAsync(new CancellationTokenSource(Wait.Bound).Token));
        await AuthenticateIgnoringRefusalAsync(callee, _certificates);

        Assert.False((await sending).Sent);
    }

    [Fact]
    public async Task With_verify_client_only_a_client_certificate_from_a_trusted_authority_gets_in()
    {
        using var meters = new TestMeterFactory();
        using var stranger = new TestCertificates("Unknown CA");
        var sink = new RecordingSink();
        var settings = Settings();
        await using var layer = await Loopback.StartAsync(sink, settings with { Tls = settings.Tls with { VerifyClient = true } }, meters);

        Assert.False(await GetsInAsync(layer, null, "tls-anonymous"));
        Assert.False(await GetsInAsync(layer, stranger.Client, "tls-stranger"));
        Assert.True(await GetsInAsync(layer, _certificates.Client, "tls-trusted"));
        Assert.Equal("tls-trusted", (await sink.NextAsync()).Message.CallId);
        Assert.Equal(2, meters.Sum("tls.handshake.failures", "reason", "refused"));
    }

    [Fact]
    public async Task A_handshake_that_never_completes_is_cut_at_the_handshake_timeout()
    {
        using var meters = new TestMeterFactory();
        var log = new RecordingLogger();
        var sink = new RecordingSink();
        var settings = Settings();
        await using var layer = await Loopback.StartAsync(sink, settings with { Tls = settings.Tls with { HandshakeTimeout = TimeSpan.FromMilliseconds(300) } }, meters, log);
        using var silent = await TcpPeer.ConnectAsync(Tls(layer));

        Assert.True(await silent.IsClosedWithinAsync(Wait.Bound));
        Assert.Equal(1, meters.Sum("tls.handshake.failures", "reason", "timeout"));
        Assert.Contains(log.Entries, e => e.Message.Contains("TLS handshake", StringComparison.Ordinal) && e.Message.Contains("TimeoutException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_TLS_listener_without_a_certificate_is_refused_at_start()
    {
        var settings = Settings();
        await using var layer = new SipTransportLayer();

        await Assert.ThrowsAsync<InvalidOperationException>(() => layer.StartAsync(settings with { Tls = settings.Tls with { Identity = null } }, new RecordingSink()));
    }

    /// <summary>Whether a client offering <paramref name="certificate"/> can deliver a request: refused clients fail the handshake or are closed right after it (TLS 1.3).</summary>
    private async Task<bool> GetsInAsync(SipTransportLayer layer, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate, string callId)
    {
        TcpPeer peer;
        try
        {
            peer = await TcpPeer.ConnectTlsAsync(Tls(layer), _certificates.ClientOptions(certificate));
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            return false;
        }

        using (peer)
        {
            try
            {
                await peer.SendAsync(SipText.Options(SipText.TlsVia("127.0.0.1:9"), callId));
                await peer.SendAsync("\r\n\r\n");
                return (await peer.ReadBytesAsync(2)).SequenceEqual("\r\n"u8.ToArray());
            }
            catch (Exception e) when (e is AuthenticationException or IOException or SocketException)
            {
                return false;
            }
        }
    }

    /// <summary>The server side of a handshake the client refuses (with TLS 1.3 the server may finish before the client's alert).</summary>
    private static async Task AuthenticateIgnoringRefusalAsync(TcpPeer server, TestCertificates certificates)
    {
        try
        {
            await server.AuthenticateAsServerAsync(certificates.ServerOptions());
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
        }
    }

    private TransportSettings Settings() => NodeConfDefaults.Transport with
    {
        Listen = [new(SipProtocol.Udp, new IPEndPoint(IPAddress.Loopback, 0)), new(SipProtocol.Tls, new IPEndPoint(IPAddress.Loopback, 0))],
        UdpReceiveLoops = 1,
        Tls = _certificates.Settings(NodeConfDefaults.Transport.Tls),
    };

    private static IPEndPoint Tls(SipTransportLayer layer) => layer.GetLocalEndPoint(SipProtocol.Tls).Address;

    private static SipRequest Options(string callId, SipTransportLayer layer) =>
        (SipRequest)SipParser.Parse(SipText.Options(SipText.TlsVia(Tls(layer).ToString()), callId));
}
