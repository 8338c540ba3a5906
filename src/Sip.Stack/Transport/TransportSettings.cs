using System.Net;

namespace ClusterSip.Sip.Stack.Transport;

/// <summary>How the SIP transports listen and behave; built by the caller (the node reads it from HOCON).</summary>
public sealed record TransportSettings
{
    /// <summary>UDP and TCP on every IPv4 address, port 5060.</summary>
    public static readonly TransportSettings Default = new();

    /// <summary>The listeners to bind; port 0 binds an ephemeral port (see <see cref="ISipTransport.LocalEndPoints"/>).</summary>
    public IReadOnlyList<SipEndPoint> Listen { get; init; } =
    [
        new(SipProtocol.Udp, new IPEndPoint(IPAddress.Any, 5060)),
        new(SipProtocol.Tcp, new IPEndPoint(IPAddress.Any, 5060)),
    ];

    /// <summary>
    /// The address written in Via and Record-Route for a listener bound to a wildcard address (0.0.0.0 or ::), which
    /// cannot be written there. Null: the first address of an active network interface of the listener's family.
    /// Listeners bound to a specific address always advertise that address.
    /// </summary>
    public IPAddress? AdvertisedAddress { get; init; }

    /// <summary>Largest message accepted, in bytes: a datagram or a stream frame beyond it gets 513 (RFC 3261 21.5.14).</summary>
    public int MaxMessageSize { get; init; } = 65535;

    /// <summary>Inbound TCP connections allowed at once from one source IP address; further ones are closed on accept.</summary>
    public int MaxTcpConnectionsPerSource { get; init; } = 64;

    /// <summary>A TCP connection that neither received nor sent anything for this long is closed.</summary>
    public TimeSpan TcpIdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long opening an outbound TCP connection may take before the send fails.</summary>
    public TimeSpan TcpConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long writing one message on a TCP connection may take; a stalled connection is then closed.</summary>
    public TimeSpan TcpSendTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>SO_RCVBUF of UDP sockets, in bytes (Linux caps it at net.core.rmem_max unless SO_RCVBUFFORCE is allowed).</summary>
    public int UdpReceiveBufferSize { get; init; } = 16 * 1024 * 1024;

    /// <summary>Threads receiving on each UDP socket, so that parsing one datagram does not hold up the next.</summary>
    public int UdpReceiveLoops { get; init; } = Math.Max(1, Environment.ProcessorCount / 2);
}
