using System.Net;
using ClusterSip.Sip.Stack.Resolution;
using ClusterSip.Sip.Stack.Transport;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Sip.Stack.Proxy;

/// <summary>
/// Is a URI or a Via sent-by one of this node's listeners (RFC 3261 16.4 "this proxy")? A listener is ours under both
/// its bound and its advertised address.
/// </summary>
internal static class LocalAddresses
{
    public static bool IsLocal(ISipTransport transport, string host, int? port)
    {
        if (!IPAddress.TryParse(host.AsSpan().Trim("[]"), out var address))
        {
            return false;
        }

        var p = port ?? IpLiteralTargetResolver.DefaultPort;
        return Contains(transport.LocalEndPoints, address, p) || Contains(transport.AdvertisedEndPoints, address, p);
    }

    public static bool IsLocal(ISipTransport transport, AnyUri uri) =>
        uri is SipUri sip && IsLocal(transport, sip.Maddr ?? sip.Host, sip.Port ?? (IpLiteralTargetResolver.ProtocolOf(sip) is { } p ? IpLiteralTargetResolver.DefaultPortOf(p) : null));

    /// <summary>The advertised form of the listener a message arrived on (a wildcard-bound one reports the wildcard).</summary>
    public static SipEndPoint Advertised(ISipTransport transport, SipEndPoint local)
    {
        var bound = transport.LocalEndPoints;
        var advertised = transport.AdvertisedEndPoints;
        for (var i = 0; i < bound.Count && i < advertised.Count; i++)
        {
            if (bound[i].Equals(local))
            {
                return advertised[i];
            }
        }

        return local;
    }

    private static bool Contains(IReadOnlyList<SipEndPoint> endPoints, IPAddress address, int port)
    {
        for (var i = 0; i < endPoints.Count; i++)
        {
            var local = endPoints[i];
            if (local.Address.Port == port && local.Address.Address.Equals(address))
            {
                return true;
            }
        }

        return false;
    }
}
