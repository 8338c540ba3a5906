using System.Globalization;

namespace ClusterSip.InteractionProxy.Client;

/// <summary>Where a node's Interaction Proxy listens: a host name or IP address and a TCP port.</summary>
public sealed record ProxyAddress(string Host, int Port)
{
    /// <summary>Reads "host:port" ("[::1]:7050" for an IPv6 address).</summary>
    public static bool TryParse(string text, out ProxyAddress? address, out string? error)
    {
        address = null;
        var colon = text.LastIndexOf(':');
        var host = colon > 0 ? text[..colon].Trim('[', ']') : "";
        if (host.Length == 0)
        {
            error = $"'{text}' is not host:port";
            return false;
        }
        if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            error = $"'{text}': the port must be a number from 1 to 65535";
            return false;
        }
        address = new ProxyAddress(host, port);
        error = null;
        return true;
    }

    public override string ToString() => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
