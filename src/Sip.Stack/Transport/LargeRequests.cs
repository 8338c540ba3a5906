using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;

namespace ClusterSip.Sip.Stack.Transport;

/// <summary>
/// RFC 3261 18.1.1: a request larger than the path MTU allows (<see cref="ISipTransport.UdpMtu"/>) that would go over
/// UDP goes over TCP to the same address instead, with the top Via's transport and sent-by changed to the TCP
/// listener; the sender keeps the UDP form for when the TCP connection cannot be opened. As Kamailio's
/// udp_mtu_try_proto, only the Via changes (a Record-Route stays as built for UDP), and a target naming transport=udp
/// is switched too (18.1.1 is a MUST; the fallback still reaches a UDP-only target).
/// </summary>
internal static class LargeRequests
{
    /// <summary>The TCP form of <paramref name="request"/> (a copy), or null when it stays as it is.</summary>
    public static (SipRequest Request, SipEndPoint Destination)? OverTcp(SipRequest request, SipEndPoint destination, ISipTransport transport)
    {
        var limit = transport.UdpMtu;
        if (limit == 0 || destination.Protocol != SipProtocol.Udp || request.TopVia is not { } via || request.GetByteCount() <= limit)
        {
            return null;
        }

        if (!TcpListener(transport, out var local))
        {
            return null; // nothing congestion-controlled to switch to
        }

        var tcp = request.Clone();
        tcp.SetTopVia(new ViaHeader("TCP", local.Address.Address.ToString(), local.Address.Port, via.Parameters));
        return (tcp, destination with { Protocol = SipProtocol.Tcp });
    }

    /// <summary>The TCP listener as written in a Via (what <see cref="ISipTransport.GetLocalEndPoint"/> returns), without its exception when there is none.</summary>
    private static bool TcpListener(ISipTransport transport, out SipEndPoint local)
    {
        foreach (var endPoint in transport.AdvertisedEndPoints)
        {
            if (endPoint.Protocol == SipProtocol.Tcp)
            {
                local = endPoint;
                return true;
            }
        }

        local = default;
        return false;
    }
}
