using System.Net;
using ClusterSip.Sip.Stack.Transport;
using Xunit;

namespace ClusterSip.Sip.Stack.Tests.Transport;

/// <summary>A wildcard-bound listener must advertise an address a peer can reach, never 0.0.0.0 or ::.</summary>
public sealed class AdvertisedAddressTests
{
    private static TransportSettings Wildcard(IPAddress? advertised) =>
        Loopback.Settings(IPAddress.Any) with { AdvertisedAddress = advertised };

    [Fact]
    public async Task A_wildcard_listener_advertises_the_configured_address()
    {
        var advertised = IPAddress.Parse("192.0.2.50");
        await using var layer = await Loopback.StartAsync(new RecordingSink(), Wildcard(advertised));

        var udp = layer.GetLocalEndPoint(SipProtocol.Udp);
        var tcp = layer.GetLocalEndPoint(SipProtocol.Tcp);

        Assert.Equal(advertised, udp.Address.Address);
        Assert.Equal(advertised, tcp.Address.Address);
        Assert.Equal(layer.LocalEndPoints[0].Address.Port, udp.Address.Port);
        Assert.All(layer.LocalEndPoints, e => Assert.Equal(IPAddress.Any, e.Address.Address));
        Assert.Equal(layer.LocalEndPoints.Select(e => (e.Protocol, e.Address.Port)), layer.AdvertisedEndPoints.Select(e => (e.Protocol, e.Address.Port)));
    }

    [Fact]
    public async Task A_wildcard_listener_without_an_advertised_address_uses_an_interface_address()
    {
        await using var layer = await Loopback.StartAsync(new RecordingSink(), Wildcard(null));

        var address = layer.GetLocalEndPoint(SipProtocol.Udp).Address.Address;

        Assert.NotEqual(IPAddress.Any, address);
        Assert.Equal(System.Net.Sockets.AddressFamily.InterNetwork, address.AddressFamily);
    }

    [Fact]
    public async Task A_listener_bound_to_an_address_advertises_that_address()
    {
        var settings = Loopback.Settings() with { AdvertisedAddress = IPAddress.Parse("192.0.2.50") };
        await using var layer = await Loopback.StartAsync(new RecordingSink(), settings);

        Assert.Equal(IPAddress.Loopback, layer.GetLocalEndPoint(SipProtocol.Udp).Address.Address);
        Assert.Equal(layer.LocalEndPoints, layer.AdvertisedEndPoints);
    }
}
