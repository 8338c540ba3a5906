using System.Net;
using ClusterSip.Sip.Stack.Transport;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Sip.Stack.Resolution;

/// <summary>
/// Resolves URIs whose host (or maddr) is an IP literal: one destination, transport TLS for a sips URI, else from the
/// transport parameter (UDP by default), port from the URI or 5060 (5061 for TLS) (RFC 3263 4.1, 4.2 for numeric
/// hosts). Other hosts resolve to nothing.
/// </summary>
public sealed class IpLiteralTargetResolver : ITargetResolver
{
    public const int DefaultPort = 5060;

    public const int DefaultTlsPort = 5061;

    public ValueTask<IReadOnlyList<SipEndPoint>> ResolveAsync(SipUri uri, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Resolve(uri));

    public static IReadOnlyList<SipEndPoint> Resolve(SipUri uri)
    {
        var host = (uri.Maddr ?? uri.Host).Trim('[', ']');
        if (!IPAddress.TryParse(host, out var address))
        {
            return [];
        }

        var protocol = ProtocolOf(uri);
        return protocol is { } p ? [new SipEndPoint(p, new IPEndPoint(address, uri.Port ?? DefaultPortOf(p)))] : [];
    }

    /// <summary>The protocol a URI asks for (null: none this node can serve, e.g. sips over UDP); UDP when it names none.</summary>
    public static SipProtocol? ProtocolOf(SipUri uri) => (uri.IsSecure, uri.Transport?.ToLowerInvariant()) switch
    {
        (true, null or "tls" or "tcp") => SipProtocol.Tls,
        (false, null or "udp") => SipProtocol.Udp,
        (false, "tcp") => SipProtocol.Tcp,
        (false, "tls") => SipProtocol.Tls,
        (false, "ws") => SipProtocol.Ws,
        (_, "wss") => SipProtocol.Wss,
        _ => null,
    };

    public static int DefaultPortOf(SipProtocol protocol) => protocol == SipProtocol.Tls ? DefaultTlsPort : DefaultPort;
}
