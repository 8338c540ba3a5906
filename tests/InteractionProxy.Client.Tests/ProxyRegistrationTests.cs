using System.Text;
using ClusterSip.InteractionProxy.Wire;

namespace ClusterSip.InteractionProxy.Client.Tests;

/// <summary>What the client writes is what the server reads.</summary>
public sealed class ProxyRegistrationTests
{
    [Fact]
    public void The_server_reads_every_key_the_client_writes()
    {
        var line = new ProxyRegistration("crm", "n1", "s-1", UdataFilter: ["queue", "vip"], InteractionSnapshot: false, SequenceId: 42, Secret: "x").ToLine();

        var parsed = Assert.IsType<RegistrationLine>(ClientLineParser.Parse(Encoding.UTF8.GetBytes(line))).Registration;
        Assert.Equal(("crm", "n1", "s-1", false, 42L, "x"), (parsed.ClusterId, parsed.NodeId, parsed.SessionId, parsed.InteractionSnapshot, parsed.SequenceId, parsed.Secret));
        Assert.Equal(["queue", "vip"], parsed.UdataFilter!);
        Assert.Contains("\"SequenceId\":\"0000000000000042\"", line);
    }

    [Fact]
    public void No_filter_means_all_user_data_and_an_empty_one_none()
    {
        var all = ParseBack(new ProxyRegistration("crm", "n1", "s-1"));
        Assert.Null(all.UdataFilter);
        Assert.True(all.InteractionSnapshot);
        Assert.Null(all.SequenceId);
        Assert.Empty(ParseBack(new ProxyRegistration("crm", "n1", "s-1", UdataFilter: [])).UdataFilter!);
    }

    [Theory]
    [InlineData("127.0.0.1:7050", "127.0.0.1", 7050)]
    [InlineData("proxy.example.com:1", "proxy.example.com", 1)]
    [InlineData("[::1]:7050", "::1", 7050)]
    public void An_address_is_host_colon_port(string text, string host, int port)
    {
        Assert.True(ProxyAddress.TryParse(text, out var address, out _));
        Assert.Equal(new ProxyAddress(host, port), address);
        Assert.Equal(text, address!.ToString());
    }

    [Theory]
    [InlineData("7050")]
    [InlineData(":7050")]
    [InlineData("host:")]
    [InlineData("host:70500")]
    [InlineData("host:port")]
    public void A_bad_address_is_refused_with_a_reason(string text)
    {
        Assert.False(ProxyAddress.TryParse(text, out _, out var error));
        Assert.Contains(text, error);
    }

    private static Registration ParseBack(ProxyRegistration registration) =>
        Assert.IsType<RegistrationLine>(ClientLineParser.Parse(Encoding.UTF8.GetBytes(registration.ToLine()))).Registration;
}
