using System.Net;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Stack.Transport;
using Xunit;

namespace ClusterSip.Sip.Stack.Tests.Transport;

public sealed class ResponseDestinationTests
{
    [Theory]
    [InlineData("SIP/2.0/UDP 192.0.2.1:5070;branch=z9hG4bK1;received=198.51.100.7;rport=40000", "198.51.100.7:40000")]
    [InlineData("SIP/2.0/UDP 192.0.2.1:5070;branch=z9hG4bK1;received=198.51.100.7", "198.51.100.7:5070")]
    [InlineData("SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1;received=198.51.100.7", "198.51.100.7:5060")]
    [InlineData("SIP/2.0/UDP 192.0.2.1:5070;branch=z9hG4bK1;maddr=239.255.255.1;received=198.51.100.7;rport=4", "239.255.255.1:5070")]
    [InlineData("SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1", "192.0.2.1:5060")]
    [InlineData("SIP/2.0/UDP [2001:db8::1]:5070;branch=z9hG4bK1", "[2001:db8::1]:5070")]
    [InlineData("SIP/2.0/UDP host.example.com:5070;branch=z9hG4bK1;received=[2001:db8::9];rport=7", "[2001:db8::9]:7")]
    [InlineData("SIP/2.0/UDP host.example.com:5070;branch=z9hG4bK1;received=2001:db8::9;rport=7", "[2001:db8::9]:7")]
    [InlineData("SIP/2.0/UDP host.example.com:5070;branch=z9hG4bK1;received=::1", "[::1]:5070")]
    public void Unreliable_responses_follow_RFC_3261_18_2_2_and_RFC_3581(string via, string expected)
    {
        Assert.True(ResponseDestination.TryResolve(ViaHeader.Parse(via), out var destination, out var error), error);
        Assert.Equal(new SipEndPoint(SipProtocol.Udp, IPEndPoint.Parse(expected)), destination);
    }

    [Theory]
    [InlineData("SIP/2.0/TCP 192.0.2.1:5070;branch=z9hG4bK1;received=198.51.100.7;rport=40000", "198.51.100.7:5070")]
    [InlineData("SIP/2.0/TCP 192.0.2.1;branch=z9hG4bK1", "192.0.2.1:5060")]
    [InlineData("SIP/2.0/TCP host.example.com:5071;branch=z9hG4bK1;received=2001:db8::9", "[2001:db8::9]:5071")]
    public void Reliable_responses_go_to_received_or_sent_by_host_and_the_sent_by_port(string via, string expected)
    {
        Assert.True(ResponseDestination.TryResolve(ViaHeader.Parse(via), out var destination, out var error), error);
        Assert.Equal(new SipEndPoint(SipProtocol.Tcp, IPEndPoint.Parse(expected)), destination);
    }

    [Theory]
    [InlineData("SIP/2.0/TLS 192.0.2.1;branch=z9hG4bK1;received=198.51.100.7;rport=40000", "198.51.100.7:5061")]
    [InlineData("SIP/2.0/TLS 192.0.2.1:5071;branch=z9hG4bK1", "192.0.2.1:5071")]
    public void Tls_responses_follow_the_reliable_rules_with_port_5061_by_default(string via, string expected)
    {
        Assert.True(ResponseDestination.TryResolve(ViaHeader.Parse(via), out var destination, out var error), error);
        Assert.Equal(new SipEndPoint(SipProtocol.Tls, IPEndPoint.Parse(expected)), destination);
    }

    [Theory]
    [InlineData("SIP/2.0/SCTP 192.0.2.1;branch=z9hG4bK1")]
    [InlineData("SIP/2.0/UDP host.example.com;branch=z9hG4bK1")]
    public void Unsupported_transports_and_names_needing_resolution_fail(string via)
    {
        Assert.False(ResponseDestination.TryResolve(ViaHeader.Parse(via), out _, out var error));
        Assert.NotNull(error);
    }
}
