using System.Net;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Transport;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.Sip.Stack.Tests.Transport;

/// <summary>The per-source request rate limit on real sockets (loopback, so its exemption is turned off here).</summary>
public sealed class PikeTests
{
    [Fact]
    public async Task A_stream_source_over_the_limit_gets_503_with_Retry_After_until_the_block_time_has_passed()
    {
        using var meters = new TestMeterFactory();
        var sink = new RecordingSink();
        await using var layer = await Loopback.StartAsync(sink, Limited(blockTime: TimeSpan.FromSeconds(1)), meters);
        using var peer = await TcpPeer.ConnectAsync(layer.Tcp());

        for (var i = 0; i < 3; i++)
        {
            await peer.SendAsync(SipText.Options(SipText.TcpVia("127.0.0.1:5060"), "within-" + i));
            Assert.Equal("within-" + i, (await sink.NextAsync()).Message.CallId);
        }

        await peer.SendAsync(SipText.Options(SipText.TcpVia("127.0.0.1:5060"), "over"));
        var refused = (SipResponse)await peer.ReadMessageAsync();
        Assert.Equal(503, refused.StatusCode);
        Assert.Equal("over", refused.CallId);
        Assert.Equal("1", refused.Headers.Get(Sip.Headers.HeaderNames.RetryAfter));
        Assert.Equal(IPAddress.Loopback, Assert.Single(layer.BlockedSources()).Address);
        Assert.Equal(1, meters.Sum("pike.blocked"));

        // Still blocked at once; within a generous bound after the block time, requests are delivered again.
        var refusals = 0;
        var deadline = DateTime.UtcNow + Wait.Bound;
        var delivered = sink.NextAsync();
        while (true)
        {
            await peer.SendAsync(SipText.Options(SipText.TcpVia("127.0.0.1:5060"), "again"));
            var response = peer.ReadMessageAsync();
            if (await Task.WhenAny(response, delivered) == delivered)
            {
                break;
            }

            Assert.Equal(503, ((SipResponse)await response).StatusCode);
            refusals++;
            Assert.True(DateTime.UtcNow < deadline, "the block did not lift");
            await Task.Delay(100);
        }

        Assert.True(refusals >= 1);
        Assert.Empty(layer.BlockedSources());
        Assert.Equal(refusals + 1, meters.Sum("pike.rejected", "action", "reply"));
    }

    [Fact]
    public async Task A_blocked_UDP_source_is_dropped_by_default_and_answered_503_when_configured()
    {
        using var meters = new TestMeterFactory();
        var sink = new RecordingSink();
        await using var dropping = await Loopback.StartAsync(sink, Limited(), meters);
        using var peer = new UdpPeer();

        for (var i = 0; i < 3; i++)
        {
            await peer.SendAsync(SipText.Options(SipText.UdpVia(peer.SentBy), "udp-" + i), dropping.Udp());
            Assert.Equal("udp-" + i, (await sink.NextAsync()).Message.CallId);
        }

        await peer.SendAsync(SipText.Options(SipText.UdpVia(peer.SentBy), "udp-blocking"), dropping.Udp());
        await peer.SendAsync(SipText.Options(SipText.UdpVia(peer.SentBy), "udp-dropped"), dropping.Udp());
        await Eventually.Value(() => Task.FromResult(meters.Sum("pike.rejected", "action", "drop")), n => n == 2, "two dropped requests", Wait.Bound);

        var replySettings = Limited();
        await using var replying = await Loopback.StartAsync(sink, replySettings with { Pike = replySettings.Pike with { UdpAction = PikeUdpAction.Reply } });
        for (var i = 0; i < 3; i++)
        {
            await peer.SendAsync(SipText.Options(SipText.UdpVia(peer.SentBy), "reply-" + i), replying.Udp());
            Assert.Equal("reply-" + i, (await sink.NextAsync()).Message.CallId);
        }

        await peer.SendAsync(SipText.Options(SipText.UdpVia(peer.SentBy), "reply-over"), replying.Udp());
        var refused = (SipResponse)await peer.ReceiveAsync();
        Assert.Equal((503, "reply-over"), (refused.StatusCode, refused.CallId));
    }

    [Theory]
    [InlineData(true, null)]
    [InlineData(false, "127.0.0.0/8")]
    [InlineData(false, "127.0.0.1")]
    public async Task Exempt_sources_are_never_limited(bool exemptLoopback, string? trusted)
    {
        var sink = new RecordingSink();
        var settings = Limited();
        settings = settings with
        {
            Pike = settings.Pike with
            {
                ExemptLoopback = exemptLoopback,
                TrustedNetworks = trusted is null ? [] : [trusted.Contains('/') ? IPNetwork.Parse(trusted) : new IPNetwork(IPAddress.Parse(trusted), 32)],
            },
        };
        await using var layer = await Loopback.StartAsync(sink, settings);
        using var peer = await TcpPeer.ConnectAsync(layer.Tcp());

        for (var i = 0; i < 10; i++)
        {
            await peer.SendAsync(SipText.Options(SipText.TcpVia("127.0.0.1:5060"), "exempt-" + i));
            Assert.Equal("exempt-" + i, (await sink.NextAsync()).Message.CallId);
        }

        Assert.Empty(layer.BlockedSources());
    }

    [Fact]
    public async Task A_cluster_peer_is_exempt_while_listed_and_limited_once_removed()
    {
        var sink = new RecordingSink();
        await using var layer = await Loopback.StartAsync(sink, Limited());
        layer.ClusterPeers.Replace([IPAddress.Parse("::ffff:127.0.0.1")]); // as a dual-stack socket would name it
        using var peer = await TcpPeer.ConnectAsync(layer.Tcp());

        for (var i = 0; i < 10; i++)
        {
            await peer.SendAsync(SipText.Options(SipText.TcpVia("127.0.0.1:5060"), "peer-" + i));
            Assert.Equal("peer-" + i, (await sink.NextAsync()).Message.CallId);
        }

        layer.ClusterPeers.Replace([]);
        for (var i = 0; i < 3; i++)
        {
            await peer.SendAsync(SipText.Options(SipText.TcpVia("127.0.0.1:5060"), "counted-" + i));
            Assert.Equal("counted-" + i, (await sink.NextAsync()).Message.CallId);
        }

        await peer.SendAsync(SipText.Options(SipText.TcpVia("127.0.0.1:5060"), "over"));
        Assert.Equal(503, ((SipResponse)await peer.ReadMessageAsync()).StatusCode);
    }

    [Fact]
    public async Task Responses_are_not_counted_and_an_ACK_over_the_limit_gets_no_reply()
    {
        var sink = new RecordingSink();
        await using var layer = await Loopback.StartAsync(sink, Limited());
        using var peer = await TcpPeer.ConnectAsync(layer.Tcp());

        for (var i = 0; i < 5; i++)
        {
            await peer.SendAsync($"SIP/2.0 200 OK\r\nVia: {SipText.TcpVia("127.0.0.1:5060")}\r\nFrom: <sip:a@example.com>;tag=1\r\nTo: <sip:b@example.com>;tag=2\r\n" +
                $"Call-ID: response-{i}\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
            Assert.Equal("response-" + i, (await sink.NextAsync()).Message.CallId);
        }

        for (var i = 0; i < 3; i++)
        {
            await peer.SendAsync(SipText.Request("ACK", SipText.TcpVia("127.0.0.1:5060"), "ack-" + i));
            Assert.Equal("ack-" + i, (await sink.NextAsync()).Message.CallId);
        }

        await peer.SendAsync(SipText.Request("ACK", SipText.TcpVia("127.0.0.1:5060"), "ack-over"));
        await peer.SendAsync(SipText.Options(SipText.TcpVia("127.0.0.1:5060"), "options-over"));
        Assert.Equal("options-over", ((SipResponse)await peer.ReadMessageAsync()).CallId);
    }

    /// <summary>Three requests per minute from any source, loopback included; blocked for a minute unless given.</summary>
    private static TransportSettings Limited(TimeSpan? blockTime = null)
    {
        var settings = Loopback.Settings();
        return settings with
        {
            Pike = settings.Pike with
            {
                Enabled = true,
                Requests = 3,
                Period = TimeSpan.FromMinutes(1),
                BlockTime = blockTime ?? TimeSpan.FromMinutes(1),
                UdpAction = PikeUdpAction.Drop,
                TrustedNetworks = [],
                ExemptLoopback = false,
            },
        };
    }
}
