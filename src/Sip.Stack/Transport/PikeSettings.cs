using System.Net;

namespace ClusterSip.Sip.Stack.Transport;

/// <summary>
/// The per-source request rate limit (Kamailio's pike); the node reads it from <c>cluster-sip.sip.pike</c>
/// (defaults in hocon/node.conf).
/// </summary>
public sealed record PikeSettings
{
    public required bool Enabled { get; init; }

    /// <summary>Requests one source IP address may send per <see cref="Period"/>; one more blocks it.</summary>
    public required int Requests { get; init; }

    public required TimeSpan Period { get; init; }

    /// <summary>How long a source over the limit stays blocked (its requests answered 503 or dropped).</summary>
    public required TimeSpan BlockTime { get; init; }

    /// <summary>What a blocked source's UDP requests get; stream requests are always answered 503 with Retry-After.</summary>
    public required PikeUdpAction UdpAction { get; init; }

    /// <summary>Sources never limited (an upstream proxy or SBC carrying many users' traffic).</summary>
    public required IReadOnlyList<IPNetwork> TrustedNetworks { get; init; }

    /// <summary>Loopback sources (127.0.0.0/8, ::1) are never limited.</summary>
    public required bool ExemptLoopback { get; init; }
}
