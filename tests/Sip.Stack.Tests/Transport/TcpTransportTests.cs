using ClusterSip.Tests.Support;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;
using ClusterSip.Sip.Stack.Transport;
using Xunit;

namespace ClusterSip.Sip.Stack.Tests.Transport;

public sealed class TcpTransportTests
{
    [Fact]
    public async Task Two_messages_in_one_segment_are_both_framed()
    {
        var sink = new RecordingSink();
        await using var layer = await Loopback.StartAsync(sink);
        using var peer = await TcpPeer.ConnectAsync(layer.Tcp());

        await peer.SendAsync(SipText.Request("MESSAGE", SipText.TcpVia("127.0.0.1:5060"), "tcp-1", "hello") +
            SipText.Options(SipText.TcpVia("127.0.0.1:5060"), "tcp-2"));

        var first = await sink.NextAsync();
        Assert.Equal("tcp-1", first.Message.CallId);
        Assert.Equal("hello", Encoding.UTF8.GetString(first.Message.Body.Span));
        Assert.Equal("tcp-2", (await sink.NextAsync()).Message.CallId);
    }

    [Fact]
    public async Task A_message_split_across_segments_is_framed_and_gets_received_applied()
    {
        var sink = new RecordingSink();
        await using var layer = await Loopback.StartAsync(sink);
        using var peer = await TcpPeer.ConnectAsync(layer.Tcp());
        var bytes = Encoding.UTF8.GetBytes(SipText.Request("MESSAGE", SipText.TcpVia("client.invalid:5070"), "tcp-split", "body"));

        foreach (var chunk in bytes.Chunk(7))
        {
            await peer.SendAsync(chunk);
        }

        var inbound = await sink.NextAsync();
        Assert.Equal("tcp-split", inbound.Message.CallId);
        Assert.Equal("body", Encoding.UTF8.GetString(inbound.Message.Body.Span));
        Assert.Equal("127.0.0.1", inbound.Message.TopVia!.Received);
        Assert.Equal(SipProtocol.Tcp, inbound.Remote.Protocol);
    }

    [Fact]
    public async Task Double_CRLF_ping_gets_a_CRLF_pong()
    {
        using var meters = new TestMeterFactory();
        var sink = new RecordingSink();
        await using var layer = await Loopback.StartAsync(sink, meters: meters);
        using var peer = await TcpPeer.ConnectAsync(layer.Tcp());

        await peer.SendAsync("\r\n\r\n");

        Assert.Equal("\r\n"u8.ToArray(), await peer.ReadBytesAsync(2));
        await peer.SendAsync(SipText.Options(SipText.TcpVia("127.0.0.1:5060"), "after-ping"));
        Assert.Equal("after-ping", (await sink.NextAsync()).Message.CallId);
        Assert.Equal(1, meters.Sum("keepalives.answered", "protocol", "tcp"));
    }

    [Fact]
    public async Task An_unframeable_request_gets_a_400_and_is_disconnected_while_other_connections_keep_working()
    {
        using var meters = new TestMeterFactory();
        var sink = new RecordingSink();
        await using var layer = await Loopback.StartAsync(sink, meters: meters);
        using var bad = await TcpPeer.ConnectAsync(layer.Tcp());
        using var good = await TcpPeer.ConnectAsync(layer.Tcp());
        var noContentLength = SipText.Options(SipText.TcpVia("127.0.0.1:5060"), "tcp-garbage").Replace("Content-Length: 0\r\n", string.Empty, StringComparison.Ordinal);

        await bad.SendAsync(noContentLength);

        var response = (SipResponse)await bad.ReadMessageAsync();
        Assert.Equal(400, response.StatusCode);
        Assert.Equal("tcp-garbage", response.CallId);
        Assert.True(await bad.IsClosedAsync());
        Assert.Equal(1, meters.Sum("malformed", "reason", "framing"));
        await good.SendAsync(SipText.Options(SipText.TcpVia("127.0.0.1:5060"), "tcp-good"));
        Assert.Equal("tcp-good", (await sink.NextAsync()).Message.CallId);
    }

    [Fact]
    public async Task Bytes_that_are_not_SIP_close_the_connection_without_a_reply()
    {
        using var meters = new TestMeterFactory();
        var sink = new RecordingSink();
        await using var layer = await Loopback.StartAsync(sink, meters: meters);
        using var peer = await TcpPeer.ConnectAsync(layer.Tcp());

        await peer.SendAsync("GET-garbage\r\nContent-Length: 0\r\n\r\n");

        Assert.True(await peer.IsClosedAsync());
        Assert.Equal(1, meters.Sum("malformed", "reason", "unrecognized"));
    }

    [Fact]
    public async Task A_framed_request_with_a_bad_header_gets_a_400_and_the_connection_stays_open()
    {
        var sink = new RecordingSink();
        await using var layer = await Loopback.StartAsync(sink);
        using var peer = await TcpPeer.ConnectAsync(layer.Tcp());

        await peer.SendAsync(SipText.BadRequestUri(SipText.TcpVia("127.0.0.1:5060"), "tcp-baduri"));
        Assert.Equal(400, ((SipResponse)await peer.ReadMessageAsync()).StatusCode);

        await peer.SendAsync(SipText.Options(SipText.TcpVia("127.0.0.1:5060"), "tcp-next"));
        Assert.Equal("tcp-next", (await sink.NextAsync()).Message.CallId);
    }

    [Fact]
    public async Task Response_reuses_the_connection_the_request_came_on()
    {
        var sink = new RecordingSink();
        await using var layer = await Loopback.StartAsync(sink);
        using var peer = await TcpPeer.ConnectAsync(layer.Tcp());

        // Port 9 has no listener: only the open connection can deliver the response.
        await peer.SendAsync(SipText.Options(SipText.TcpVia("127.0.0.1:9"), "tcp-reuse"));
        var inbound = await sink.NextAsync();
        var result = await layer.SendResponseAsync(SipResponse.CreateFor((SipRequest)inbound.Message, 200), inbound.ConnectionId);

        Assert.True(result.Sent, result.Error);
        var response = (SipResponse)await peer.ReadMessageAsync();
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("tcp-reuse", response.CallId);
    }

    [Fact]
    public async Task Response_without_its_connection_opens_one_to_the_sent_by_address()
    {
        var sink = new RecordingSink();
        await using var layer = await Loopback.StartAsync(sink);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var sentBy = (IPEndPoint)listener.LocalEndpoint;
        using var peer = await TcpPeer.ConnectAsync(layer.Tcp());

        await peer.SendAsync(SipText.Options(SipText.TcpVia(sentBy.ToString()), "tcp-reconnect"));
        var inbound = await sink.NextAsync();
        var result = await layer.SendResponseAsync(SipResponse.CreateFor((SipRequest)inbound.Message, 200), connectionId: 0);

        Assert.True(result.Sent, result.Error);
        using var accepted = new TcpPeer(await listener.AcceptSocketAsync(new CancellationTokenSource(Wait.Bound).Token));
        Assert.Equal("tcp-reconnect", (await accepted.ReadMessageAsync()).CallId);
    }

    [Fact]
    public async Task Requests_to_the_same_target_reuse_one_connection()
    {
        var sink = new RecordingSink();
        await using var layer = await Loopback.StartAsync(sink);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var target = new SipEndPoint(SipProtocol.Tcp, (IPEndPoint)listener.LocalEndpoint);
        var via = SipText.TcpVia(layer.Tcp().ToString());

        var first = await layer.SendRequestAsync((SipRequest)SipParser.Parse(SipText.Options(via, "out-1")), target);
        using var accepted = new TcpPeer(await listener.AcceptSocketAsync(new CancellationTokenSource(Wait.Bound).Token));
        Assert.Equal("out-1", (await accepted.ReadMessageAsync()).CallId);
        var second = await layer.SendRequestAsync((SipRequest)SipParser.Parse(SipText.Options(via, "out-2")), target);

        Assert.True(first.Sent, first.Error);
        Assert.True(second.Sent, second.Error);
        Assert.Equal("out-2", (await accepted.ReadMessageAsync()).CallId);
        Assert.False(listener.Pending());
    }

    [Fact]
    public async Task Concurrent_requests_to_a_new_target_share_one_connection()
    {
        var sink = new RecordingSink();
        await using var layer = await Loopback.StartAsync(sink);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var target = new SipEndPoint(SipProtocol.Tcp, (IPEndPoint)listener.LocalEndpoint);
        var via = SipText.TcpVia(layer.Tcp().ToString());

        var sends = Enumerable.Range(0, 10)
            .Select(i => layer.SendRequestAsync((SipRequest)SipParser.Parse(SipText.Options(via, "burst-" + i)), target).AsTask())
            .ToArray();
        using var accepted = new TcpPeer(await listener.AcceptSocketAsync(new CancellationTokenSource(Wait.Bound).Token));
        var received = new List<string?>();
        for (var i = 0; i < 10; i++)
        {
            received.Add((await accepted.ReadMessageAsync()).CallId);
        }

        Assert.All(await Task.WhenAll(sends), r => Assert.True(r.Sent, r.Error));
        Assert.Equal(10, received.Distinct().Count());
        Assert.False(listener.Pending());
    }

    [Fact]
    public async Task A_response_on_an_opened_connection_reaches_the_sink_with_that_connection()
    {
        var sink = new RecordingSink();
        await using var layer = await Loopback.StartAsync(sink);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var target = new SipEndPoint(SipProtocol.Tcp, (IPEndPoint)listener.LocalEndpoint);
        var request = (SipRequest)SipParser.Parse(SipText.Options(SipText.TcpVia(layer.Tcp().ToString()), "out-answered"));

        Assert.True((await layer.SendRequestAsync(request, target)).Sent);
        using var accepted = new TcpPeer(await listener.AcceptSocketAsync(new CancellationTokenSource(Wait.Bound).Token));
        var received = (SipRequest)await accepted.ReadMessageAsync();
        await accepted.SendAsync(SipResponse.CreateFor(received, 200).ToBytes());

        var inbound = await sink.NextAsync();
        Assert.Equal(200, ((SipResponse)inbound.Message).StatusCode);
        Assert.Equal(target, inbound.Remote);
        Assert.NotEqual(0, inbound.ConnectionId);
    }

    [Fact]
    public async Task Connection_refused_is_a_failed_SendResult()
    {
        var sink = new RecordingSink();
        await using var layer = await Loopback.StartAsync(sink);

        // Bound but not listening: a connect is refused, and no other process can take the port meanwhile.
        using var closed = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        closed.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var request = (SipRequest)SipParser.Parse(SipText.Options(SipText.TcpVia(layer.Tcp().ToString()), "refused"));

        var result = await layer.SendRequestAsync(request, new SipEndPoint(SipProtocol.Tcp, (IPEndPoint)closed.LocalEndPoint!));

        Assert.False(result.Sent);
        Assert.Contains("ConnectionRefused", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connections_beyond_the_total_cap_are_refused_at_once_and_a_freed_place_is_taken_again()
    {
        using var meters = new TestMeterFactory();
        var sink = new RecordingSink();
        await using var layer = await Loopback.StartAsync(sink, Loopback.Settings() with { MaxTcpConnections = 2 }, meters);
        using var first = await TcpPeer.ConnectAsync(layer.Tcp());
        var second = await TcpPeer.ConnectAsync(layer.Tcp());
        await first.SendAsync(SipText.Options(SipText.TcpVia("127.0.0.1:5060"), "total-1"));
        await second.SendAsync(SipText.Options(SipText.TcpVia("127.0.0.1:5060"), "total-2"));
        Assert.Equal(["total-1", "total-2"], new[] { (await sink.NextAsync()).Message.CallId, (await sink.NextAsync()).Message.CallId }.Order());

        using (var third = await TcpPeer.ConnectAsync(layer.Tcp()))
        {
            Assert.True(await third.IsClosedAsync());
        }

        Assert.Equal(1, meters.Sum("tcp.connections.rejected", "cap", "total"));
        second.Dispose();
        var fresh = await Eventually.Value(async () =>
        {
            var peer = await TcpPeer.ConnectAsync(layer.Tcp());
            if (!await peer.IsClosedWithinAsync(TimeSpan.FromMilliseconds(200))) return peer;
            peer.Dispose();
            return null;
        }, peer => peer is not null, "a new connection kept once the second one closed", TimeSpan.FromSeconds(10));
        using (fresh)
        {
            await fresh!.SendAsync(SipText.Options(SipText.TcpVia("127.0.0.1:5060"), "total-fresh"));
            Assert.Equal("total-fresh", (await sink.NextAsync()).Message.CallId);
        }
    }

    [Fact]
    public void The_derived_cap_keeps_descriptors_for_the_rest_of_the_node()
    {
        Assert.Equal(1024 - TcpConnectionCap.Reserve, TcpConnectionCap.FromLimit(1024));
        Assert.Equal(TcpConnectionCap.Minimum, TcpConnectionCap.FromLimit(100));
        Assert.Equal(TcpConnectionCap.WithoutLimit, TcpConnectionCap.FromLimit(null));
        Assert.Equal(7, TcpConnectionCap.Resolve(7));
        Assert.InRange(TcpConnectionCap.Resolve(0), TcpConnectionCap.Minimum, TcpConnectionCap.WithoutLimit);
    }

    [Fact]
    public async Task Connections_beyond_the_per_source_cap_are_closed_and_logged()
    {
        var sink = new RecordingSink();
        var log = new RecordingLogger();
        await using var layer = await Loopback.StartAsync(sink, Loopback.Settings() with { MaxTcpConnectionsPerSource = 2 }, log: log);
        using var first = await TcpPeer.ConnectAsync(layer.Tcp());
        using var second = await TcpPeer.ConnectAsync(layer.Tcp());
        await first.SendAsync(SipText.Options(SipText.TcpVia("127.0.0.1:5060"), "cap-1"));
        await second.SendAsync(SipText.Options(SipText.TcpVia("127.0.0.1:5060"), "cap-2"));
        Assert.Equal(["cap-1", "cap-2"], new[] { (await sink.NextAsync()).Message.CallId, (await sink.NextAsync()).Message.CallId }.Order());

        using var third = await TcpPeer.ConnectAsync(layer.Tcp());

        Assert.True(await third.IsClosedAsync());
        Assert.Contains(log.EntriesWithErrors, e => e.Error?.Message.Contains("the most one source may hold", StringComparison.Ordinal) == true || e.Message.Contains("the most one source may hold", StringComparison.Ordinal));
        await first.SendAsync(SipText.Options(SipText.TcpVia("127.0.0.1:5060"), "cap-still-open"));
        Assert.Equal("cap-still-open", (await sink.NextAsync()).Message.CallId);
    }

    [Fact]
    public async Task An_idle_connection_is_closed()
    {
        var sink = new RecordingSink();
        await using var layer = await Loopback.StartAsync(sink, Loopback.Settings() with { TcpIdleTimeout = TimeSpan.FromMilliseconds(200) });
        using var peer = await TcpPeer.ConnectAsync(layer.Tcp());

        Assert.True(await peer.IsClosedAsync());
    }

    [Fact]
    public async Task A_peer_sending_a_message_byte_by_byte_past_the_read_timeout_is_cut_and_a_complete_one_is_not()
    {
        using var meters = new TestMeterFactory();
        var sink = new RecordingSink();
        var settings = Loopback.Settings() with { TcpMessageReadTimeout = TimeSpan.FromMilliseconds(600) };
        await using var layer = await Loopback.StartAsync(sink, settings, meters);
        using var prompt = await TcpPeer.ConnectAsync(layer.Tcp());
        using var slow = await TcpPeer.ConnectAsync(layer.Tcp());

        // The prompt peer's message is complete at once; it then stays silent longer than the read timeout.
        await prompt.SendAsync(SipText.Request("OPTIONS", SipText.TcpVia("127.0.0.1:5060"), "tcp-prompt"));
        Assert.Equal("tcp-prompt", (await sink.NextAsync()).Message.CallId);
        var headers = SipText.Request("OPTIONS", SipText.TcpVia("127.0.0.1:5060"), "tcp-slow");
        var sent = 0;
        while (sent < 20 && !await slow.IsClosedWithinAsync(TimeSpan.FromMilliseconds(100)))
        {
            await slow.SendAsync(headers[sent++].ToString());
        }

        Assert.True(await slow.IsClosedAsync());
        Assert.InRange(sent, 2, 19);
        Assert.Equal(1, meters.Sum("tcp.read.timeouts"));
        await prompt.SendAsync(SipText.Request("OPTIONS", SipText.TcpVia("127.0.0.1:5060"), "tcp-prompt-again"));
        Assert.Equal("tcp-prompt-again", (await sink.NextAsync()).Message.CallId);
    }

    [Fact]
    public async Task Oversized_message_gets_a_513_and_the_connection_is_closed()
    {
        using var meters = new TestMeterFactory();
        var sink = new RecordingSink();
        await using var layer = await Loopback.StartAsync(sink, Loopback.Settings() with { MaxMessageSize = 1000 }, meters);
        using var peer = await TcpPeer.ConnectAsync(layer.Tcp());
        var headersOnly = SipText.Request("MESSAGE", SipText.TcpVia("127.0.0.1:5060"), "tcp-big")
            .Replace("Content-Length: 0", "Content-Length: 5000", StringComparison.Ordinal);

        await peer.SendAsync(headersOnly);

        var response = (SipResponse)await peer.ReadMessageAsync();
        Assert.Equal(513, response.StatusCode);
        Assert.Equal("tcp-big", response.CallId);
        Assert.True(await peer.IsClosedAsync());
        Assert.Equal(1, meters.Sum("malformed", "reason", "too_large"));
    }

    [Fact]
    public async Task A_large_message_within_the_limit_is_framed()
    {
        var sink = new RecordingSink();
        await using var layer = await Loopback.StartAsync(sink);
        using var peer = await TcpPeer.ConnectAsync(layer.Tcp());
        var body = new string('b', 60000);

        await peer.SendAsync(SipText.Request("MESSAGE", SipText.TcpVia("127.0.0.1:5060"), "tcp-large", body));

        Assert.Equal(60000, (await sink.NextAsync()).Message.Body.Length);
    }
}
