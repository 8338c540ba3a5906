using System.Globalization;
using System.Net;
using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Node.Settings;

/// <summary>A SIP listening endpoint written "udp:127.0.0.1:5060", "tcp:[::1]:5060", "tls:0.0.0.0:5061" or "wss:0.0.0.0:443".</summary>
public sealed record ListenEndpoint(SipProtocol Transport, IPEndPoint EndPoint)
{
    public static (ListenEndpoint? Value, string? Error) Parse(string text)
    {
        var colon = text.IndexOf(':');
        if (colon <= 0) return (null, "expected transport:address:port, e.g. \"udp:127.0.0.1:5060\"");

        SipProtocol? transport = text[..colon].ToLowerInvariant() switch
        {
            "udp" => SipProtocol.Udp,
            "tcp" => SipProtocol.Tcp,
            "tls" => SipProtocol.Tls,
            "ws" => SipProtocol.Ws,
            "wss" => SipProtocol.Wss,
            _ => null,
        };
        if (transport is null) return (null, $"transport must be udp, tcp, tls, ws or wss, not \"{text[..colon]}\"");

        var hostPort = text[(colon + 1)..];
        var portColon = hostPort.LastIndexOf(':');
        if (portColon <= 0) return (null, "expected address:port after the transport");

        var host = hostPort[..portColon];
        var isBracketed = host.StartsWith('[') && host.EndsWith(']');
        if (isBracketed) host = host[1..^1];
        if (!IPAddress.TryParse(host, out var address))
            return (null, $"\"{host}\" is not an IP address");
        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && !isBracketed)
            return (null, "an IPv6 address must be in brackets, e.g. \"tcp:[::1]:5060\"");

        if (!int.TryParse(hostPort[(portColon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            return (null, "port must be a whole number from 1 to 65535");

        return (new ListenEndpoint(transport.Value, new IPEndPoint(address, port)), null);
    }

    public SipEndPoint ToSipEndPoint() => new(Transport, EndPoint);

    public override string ToString() =>
        $"{Transport.ToString().ToLowerInvariant()}:{EndPoint}";
}
