using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace ClusterSip.Sip.Stack.Transport;

/// <summary>What a listener writes in Via and Record-Route: never a wildcard address, which no peer can send to.</summary>
internal static class AdvertisedAddresses
{
    public static SipEndPoint For(SipEndPoint bound, IPAddress? advertised)
    {
        var address = bound.Address.Address;
        if (!address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any))
        {
            return bound;
        }

        var chosen = advertised ?? InterfaceAddress(address.AddressFamily);
        return new SipEndPoint(bound.Protocol, new IPEndPoint(chosen, bound.Address.Port));
    }

    /// <summary>The first unicast address of an active, non-loopback interface (not link-local); loopback when there is none.</summary>
    private static IPAddress InterfaceAddress(AddressFamily family)
    {
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (nic.OperationalStatus != OperationalStatus.Up || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback)
            {
                continue;
            }

            foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
            {
                var candidate = unicast.Address;
                if (candidate.AddressFamily == family && !candidate.IsIPv6LinkLocal && !IPAddress.IsLoopback(candidate))
                {
                    return candidate;
                }
            }
        }

        return family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Loopback;
    }
}
