using System.Net;
using ClusterSip.Sip.Headers;

namespace ClusterSip.Sip.Stack.Transport;

/// <summary>
/// Where a response goes when the connection its request came on is gone, from the response's top Via
/// (RFC 3261 18.2.2, RFC 3581 4). Hosts must be IP literals: a domain name in sent-by or maddr would need
/// RFC 3263 5 resolution, which is not the transport's job.
/// </summary>
public static class ResponseDestination
{
    public const int DefaultPort = 5060;

    public const int DefaultTlsPort = 5061;

    /// <summary>The protocol and address to send to, or an error when the Via does not allow one.</summary>
    public static bool TryResolve(ViaHeader via, out SipEndPoint destination, out string? error)
    {
        destination = default;
        SipProtocol protocol;
        if (string.Equals(via.Transport, "UDP", StringComparison.OrdinalIgnoreCase))
        {
            protocol = SipProtocol.Udp;
        }
        else if (string.Equals(via.Transport, "TCP", StringComparison.OrdinalIgnoreCase))
        {
            protocol = SipProtocol.Tcp;
        }
        else if (string.Equals(via.Transport, "TLS", StringComparison.OrdinalIgnoreCase))
        {
            protocol = SipProtocol.Tls;
        }
        else if (string.Equals(via.Transport, "WS", StringComparison.OrdinalIgnoreCase) || string.Equals(via.Transport, "WSS", StringComparison.OrdinalIgnoreCase))
        {
            // RFC 7118 5: the connection is gone, and a WebSocket client cannot be connected to.
            error = "the " + via.Transport + " connection of the request is closed";
            return false;
        }
        else
        {
            error = "unsupported Via transport " + via.Transport;
            return false;
        }

        var sentByPort = via.Port ?? (protocol == SipProtocol.Tls ? DefaultTlsPort : DefaultPort);
        string host;
        int port;
        if (protocol != SipProtocol.Udp)
        {
            host = via.Received ?? via.Host;
            port = sentByPort;
        }
        else if (via.Maddr is { } maddr)
        {
            host = maddr;
            port = sentByPort;
        }
        else if (via.Received is { } received)
        {
            host = received;
            port = via.Rport ?? sentByPort;
        }
        else
        {
            host = via.Host;
            port = sentByPort;
        }

        if (!IPAddress.TryParse(host.AsSpan().Trim("[]"), out var address))
        {
            error = "response destination " + host + " is not an IP address";
            return false;
        }

        destination = new SipEndPoint(protocol, new IPEndPoint(address, port));
        error = null;
        return true;
    }
}
