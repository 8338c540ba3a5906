using System.Net;

namespace ClusterSip.Sip.Stack.Transport;

/// <summary>A transport address: protocol plus IP end point (a listener's local address, or a peer's).</summary>
public readonly record struct SipEndPoint(SipProtocol Protocol, IPEndPoint Address)
{
    /// <summary>
    /// For a TLS destination, the name its certificate must carry (RFC 5922 7.2: the host of the URI that was
    /// resolved); null = the IP address. Not part of equality: it says how to check a peer, not which peer it is.
    /// </summary>
    public string? ServerName { get; init; }

    /// <summary>The Via transport token for this protocol ("UDP", "TCP", "TLS", "WS", "WSS").</summary>
    public string ViaTransport => Protocol.ToString().ToUpperInvariant();

    /// <summary>The transport URI parameter for this protocol ("udp", "tcp", "tls", "ws", "wss").</summary>
    public string UriTransport => Protocol.ToString().ToLowerInvariant();

    /// <summary>Carried over a connection (TCP, TLS, WS, WSS), so retransmissions are not needed.</summary>
    public bool IsStream => Protocol != SipProtocol.Udp;

    public bool Equals(SipEndPoint other) => Protocol == other.Protocol && Equals(Address, other.Address);

    public override int GetHashCode() => HashCode.Combine(Protocol, Address);

    public override string ToString() => $"{Protocol.ToString().ToLowerInvariant()}:{Address}";
}
