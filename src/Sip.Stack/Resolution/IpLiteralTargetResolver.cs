using System.Net;
using ClusterSip.Sip.Stack.Transport;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Sip.Stack.Resolution;

/// <summary>
/// Resolves URIs whose host (or maddr) is an IP literal: one destination, transport from the transport parameter
/// (UDP by default), port from the URI or 5060 (RFC 3263 4.1, 4.2 for numeric hosts). Other hosts resolve to nothing.
/// </summary>
public sealed class IpLiteralTargetResolver : ITargetResolver
{
    public const int DefaultPort = 5060;

    public ValueTask<IReadOnlyList<SipEndPoint>> ResolveAsync(SipUri uri, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Resolve(uri));

    public static IReadOnlyList<SipEndPoint> Resolve(SipUri uri)
    {
        var host = (uri.Maddr ?? uri.Host).Trim('[', ']');
        if (!IPAddress.TryParse(host, out var address))
        {
            return [];
        }

        var protocol = string.Equals(uri.Transport, "tcp", StringComparison.OrdinalIgnoreCase) ? SipProtocol.Tcp : SipProtocol.Udp;
        return [new SipEndPoint(protocol, new IPEndPoint(address, uri.Port ?? DefaultPort))];
    }
}
