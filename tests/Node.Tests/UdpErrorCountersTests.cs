using ClusterSip.Node.Sip;
using Xunit;

namespace ClusterSip.Node.Tests;

public sealed class UdpErrorCountersTests
{
    // /proc/net/snmp of a Linux 6.x host, abridged to the lines around Udp.
    private const string Snmp = """
        Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens PassiveOpens AttemptFails EstabResets CurrEstab InSegs OutSegs RetransSegs InErrs OutRsts InCsumErrors
        Tcp: 1 200 120000 -1 3881 2718 1083 32 0 50992 49299 12 0 1222 0
        Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors
        Udp: 45599608 96380 554021 46251038 554019 0 2 0 0
        UdpLite: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors
        UdpLite: 0 0 7 0 7 0 0 0 0

        """;

    [Fact]
    public void The_udp_line_pair_gives_the_counters_by_field_name()
    {
        Assert.True(UdpErrorCounters.TryParse(Snmp, out var counters));

        Assert.Equal(new UdpErrorCounters(InErrors: 554021, RcvbufErrors: 554019), counters);
    }

    [Fact]
    public void Fields_are_found_by_name_wherever_they_stand()
    {
        Assert.True(UdpErrorCounters.TryParse("Udp: RcvbufErrors InDatagrams InErrors\nUdp: 3 100 4\n", out var counters));

        Assert.Equal(new UdpErrorCounters(InErrors: 4, RcvbufErrors: 3), counters);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Ip: Forwarding DefaultTTL\nIp: 2 64\n")]
    [InlineData("Udp: InDatagrams NoPorts InErrors OutDatagrams\nUdp: 1 2 3 4\n")]
    [InlineData("Udp: InDatagrams InErrors RcvbufErrors\n")]
    [InlineData("Udp: InDatagrams InErrors RcvbufErrors\nUdp: 1 2\n")]
    [InlineData("Udp: InDatagrams InErrors RcvbufErrors\nUdp: 1 2 x\n")]
    [InlineData("Udp: InDatagrams InErrors RcvbufErrors\nUdp: 1 2 -3\n")]
    public void Missing_or_malformed_udp_counters_are_refused(string snmp)
    {
        Assert.False(UdpErrorCounters.TryParse(snmp, out _));
    }
}
