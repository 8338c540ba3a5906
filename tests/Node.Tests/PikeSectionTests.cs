using System.Net;
using ClusterSip.Node.Configuration;
using ClusterSip.Sip.Stack.Transport;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.Node.Tests;

/// <summary>cluster-sip.sip.pike read once at start; a bad value stops the node naming its key.</summary>
public sealed class PikeSectionTests
{
    [Fact]
    public void Trusted_networks_take_cidr_and_single_addresses()
    {
        var pike = TestConfiguration.Load("cluster-sip.sip.pike.trusted-networks=[\"10.0.0.0/8\", \"2001:db8::/32\", \"192.0.2.7\"]", "cluster-sip.sip.pike.udp-action=reply")
            .Settings.Sip.Transport.Pike;

        Assert.Equal([IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("2001:db8::/32"), IPNetwork.Parse("192.0.2.7/32")], pike.TrustedNetworks);
        Assert.Equal(PikeUdpAction.Reply, pike.UdpAction);
        Assert.True(pike.Enabled);
        Assert.True(pike.ExemptLoopback);
    }

    [Theory]
    [InlineData("cluster-sip.sip.pike.requests=0", "cluster-sip.sip.pike.requests")]
    [InlineData("cluster-sip.sip.pike.period=0s", "cluster-sip.sip.pike.period")]
    [InlineData("cluster-sip.sip.pike.block-time=forever", "cluster-sip.sip.pike.block-time")]
    [InlineData("cluster-sip.sip.pike.udp-action=reject", "cluster-sip.sip.pike.udp-action")]
    [InlineData("cluster-sip.sip.pike.trusted-networks=[\"10.0.0.0/33\"]", "cluster-sip.sip.pike.trusted-networks[0]")]
    [InlineData("cluster-sip.sip.pike.exempt-loopback=maybe", "cluster-sip.sip.pike.exempt-loopback")]
    public void A_bad_value_stops_the_node_naming_its_key(string set, string key)
    {
        var error = Assert.Throws<ConfigurationException>(() => TestConfiguration.Load(set));

        Assert.Equal(key, error.Key);
    }
}
