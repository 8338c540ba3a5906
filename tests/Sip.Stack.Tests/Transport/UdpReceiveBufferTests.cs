using ClusterSip.Sip.Stack.Transport;
using Xunit;

namespace ClusterSip.Sip.Stack.Tests.Transport;

public sealed class UdpReceiveBufferTests
{
    [Fact]
    public async Task A_buffer_within_the_kernel_cap_is_granted_in_full()
    {
        // Below Linux's default net.core.rmem_max (212992), so granted even without privilege.
        const int configured = 128 * 1024;
        await using var layer = await Loopback.StartAsync(new RecordingSink(), Loopback.Settings() with { UdpReceiveBufferSize = configured });

        var (local, granted) = Assert.Single(layer.UdpReceiveBuffers);

        Assert.Equal(layer.LocalEndPoints.Single(e => e.Protocol == SipProtocol.Udp), local);
        Assert.True(granted >= configured, $"granted {granted} bytes of {configured}");
    }

    [Fact]
    public async Task A_buffer_beyond_rmem_max_is_forced_when_privileged_and_capped_otherwise()
    {
        const int configured = 256 * 1024 * 1024;
        await using var layer = await Loopback.StartAsync(new RecordingSink(), Loopback.Settings() with { UdpReceiveBufferSize = configured });

        var (_, granted) = Assert.Single(layer.UdpReceiveBuffers);

        Assert.InRange(granted, 1, configured);
        if (OperatingSystem.IsLinux())
        {
            // SO_RCVBUFFORCE succeeded (root or CAP_NET_ADMIN) or SO_RCVBUF was capped; either way the size the kernel
            // keeps, not the doubled figure getsockopt reports.
            var rmemMax = int.Parse(File.ReadAllText("/proc/sys/net/core/rmem_max"));
            Assert.True(granted == configured || granted == rmemMax, $"granted {granted} bytes; configured {configured}, rmem_max {rmemMax}");
        }
    }

    [Fact]
    public async Task Every_udp_listener_is_listed_and_tcp_ones_are_not()
    {
        var settings = Loopback.Settings() with
        {
            Listen = [.. Loopback.Settings().Listen, new(SipProtocol.Udp, new(System.Net.IPAddress.Loopback, 0))],
        };
        await using var layer = await Loopback.StartAsync(new RecordingSink(), settings);

        Assert.Equal(layer.LocalEndPoints.Where(e => e.Protocol == SipProtocol.Udp), layer.UdpReceiveBuffers.Select(b => b.Local));
    }
}
