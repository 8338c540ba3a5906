using System.Net;
using ClusterSip.Node.Sip;
using ClusterSip.Tests.Support;
using ClusterSip.Sip.Stack.Transport;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ClusterSip.Node.Tests;

public sealed class UdpReceiveBufferReportTests
{
    private static readonly SipEndPoint First = new(SipProtocol.Udp, new IPEndPoint(IPAddress.Loopback, 5060));
    private static readonly SipEndPoint Second = new(SipProtocol.Udp, new IPEndPoint(IPAddress.IPv6Loopback, 5060));

    [Fact]
    public void A_listener_granted_less_than_configured_is_a_warning_naming_sizes_and_fix()
    {
        var log = new RecordingLogger();

        UdpReceiveBufferReport.Log(log, 16_777_216, [(First, 4_194_304)]);

        var (level, message) = Assert.Single(log.Entries);
        Assert.Equal(LogLevel.Warning, level);
        Assert.Contains("udp:127.0.0.1:5060", message);
        Assert.Contains("4194304 bytes", message);
        Assert.Contains("configured 16777216", message);
        Assert.Contains("raise net.core.rmem_max, or grant CAP_NET_ADMIN for SO_RCVBUFFORCE", message);
    }

    [Fact]
    public void A_listener_granted_the_configured_size_or_more_is_information()
    {
        var log = new RecordingLogger();

        UdpReceiveBufferReport.Log(log, 16_777_216, [(First, 16_777_216), (Second, 16_777_218)]);

        Assert.Equal([LogLevel.Information, LogLevel.Information], log.Entries.Select(e => e.Level));
        Assert.Contains("16777216 bytes", log.Entries[0].Message);
    }

    [Fact]
    public void Each_listener_gets_its_own_line()
    {
        var log = new RecordingLogger();

        UdpReceiveBufferReport.Log(log, 1_000_000, [(First, 999_999), (Second, 1_000_000)]);

        Assert.Equal([LogLevel.Warning, LogLevel.Information], log.Entries.Select(e => e.Level));
        Assert.Contains("[::1]:5060", log.Entries[1].Message);
    }
}
