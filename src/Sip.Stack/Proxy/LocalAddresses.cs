using System.Net;
using ClusterSip.Sip.Stack.Transport;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Sip.Stack.Proxy;

/// <summary>Is a URI or a Via sent-by one of this node's listeners (RFC 3261 16.4 "this proxy")?</summary>
internal static class LocalAddresses
{
    public static bool IsLocal(ISipTransport transport, string host, int? port)
    {
        if (!IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            return false;
        }

        var p = port ?? IpLiteralTargetResolver.DefaultPort;
        foreach (var local in transport.LocalEndPoints)
        {
            if (local.Address.Port == p && local.Address.Address.Equals(address))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsLocal(ISipTransport transport, AnyUri uri) =>
        uri is SipUri sip && IsLocal(transport, sip.Maddr ?? sip.Host, sip.Port);
}
