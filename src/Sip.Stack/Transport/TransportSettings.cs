using System.Net;

namespace ClusterSip.Sip.Stack.Transport;

/// <summary>How the SIP transports listen and behave; the node reads them from <c>cluster-sip.sip</c> (defaults in hocon/node.conf).</summary>
public sealed record TransportSettings
{
    /// <summary>The listeners to bind; port 0 binds an ephemeral port (see <see cref="ISipTransport.LocalEndPoints"/>).</summary>
    public required IReadOnlyList<SipEndPoint> Listen { get; init; }

    /// <summary>
    /// The address written in Via and Record-Route for a listener bound to a wildcard address (0.0.0.0 or ::), which
    /// cannot be written there. Null: the first address of an active network interface of the listener's family.
    /// Listeners bound to a specific address always advertise that address.
    /// </summary>
    public required IPAddress? AdvertisedAddress { get; init; }

    /// <summary>Largest message accepted, in bytes: a datagram or a stream frame beyond it gets 513 (RFC 3261 21.5.14).</summary>
    public required int MaxMessageSize { get; init; }

    /// <summary>
    /// Inbound TCP connections allowed at once in all; further ones are closed on accept. 0 = derived from the process's
    /// open-file limit (<see cref="TcpConnectionCap"/>).
    /// </summary>
    public required int MaxTcpConnections { get; init; }

    /// <summary>Inbound TCP connections allowed at once from one source IP address; further ones are closed on accept.</summary>
    public required int MaxTcpConnectionsPerSource { get; init; }

    /// <summary>A TCP connection that neither received nor sent anything for this long is closed.</summary>
    public required TimeSpan TcpIdleTimeout { get; init; }

    /// <summary>
    /// How long a TCP peer may take to deliver one whole message (headers and body) from its first byte; a connection
    /// holding a message that is not complete by then is closed (Kamailio's tcp_msg_read_timeout).
    /// </summary>
    public required TimeSpan TcpMessageReadTimeout { get; init; }

    /// <summary>How long opening an outbound TCP connection may take before the send fails.</summary>
    public required TimeSpan TcpConnectTimeout { get; init; }

    /// <summary>How long writing one message on a TCP connection may take; a stalled connection is then closed.</summary>
    public required TimeSpan TcpSendTimeout { get; init; }

    /// <summary>
    /// Largest request sent over UDP, in bytes: a larger one goes over TCP when a TCP listener is bound, falling back to
    /// UDP when the connection cannot be opened (RFC 3261 18.1.1). 0 (unset) = no limit.
    /// </summary>
    public int UdpMtu { get; init; }

    /// <summary>The per-source request rate limit.</summary>
    public required PikeSettings Pike { get; init; }

    /// <summary>Certificates and checks of TLS listeners and outbound TLS connections.</summary>
    public required TlsSettings Tls { get; init; }

    /// <summary>SO_RCVBUF of UDP sockets, in bytes (Linux caps it at net.core.rmem_max unless SO_RCVBUFFORCE is allowed).</summary>
    public required int UdpReceiveBufferSize { get; init; }

    /// <summary>Threads receiving on each UDP socket, so that parsing one datagram does not hold up the next.</summary>
    public required int UdpReceiveLoops { get; init; }

    /// <summary>When a UDP listener sheds new requests (Linux only); null = never.</summary>
    public UdpOverloadSettings? UdpOverload { get; init; }
}
