using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>
/// RFC 3261 18.1.1: a request larger than the path MTU allows (<see cref="ISipTransport.UdpMtu"/>) that would go over
/// UDP goes over TCP to the same address instead, with the top Via's transport and sent-by changed to the TCP listener.
/// The UDP form is kept as the start's <see cref="ClientTransactionStart.Fallback"/>, used when the TCP connection
/// cannot be opened. As Kamailio's udp_mtu_try_proto, only the Via changes (a Record-Route stays as built for UDP) and
/// a target naming transport=udp is switched too (18.1.1 is a MUST; the fallback reaches a UDP-only target).
/// </summary>
internal static class LargeRequests
{
    public static ClientTransactionStart OverCongestionControlled(ClientTransactionStart start, ISipTransport transport)
    {
        var limit = transport.UdpMtu;
        if (limit == 0 || start.Destination.Protocol != SipProtocol.Udp || start.Request.GetByteCount() <= limit
            || start.Request.TopVia is not { } via)
        {
            return start;
        }

        SipEndPoint local;
        try
        {
            local = transport.GetLocalEndPoint(SipProtocol.Tcp);
        }
        catch (InvalidOperationException)
        {
            return start; // no TCP listener: nothing congestion-controlled to switch to
        }

        var request = start.Request.Clone();
        request.SetTopVia(new ViaHeader("TCP", local.Address.Address.ToString(), local.Address.Port, via.Parameters));
        return start with
        {
            Request = request,
            Destination = start.Destination with { Protocol = SipProtocol.Tcp },
            Fallback = start,
        };
    }
}
