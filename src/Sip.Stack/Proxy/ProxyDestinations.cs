using ClusterSip.Sip.Uris;

namespace ClusterSip.Sip.Stack.Proxy;

/// <summary>Parses the explicit destination of <c>t_relay("[proto:]host[:port]")</c> into a SIP URI to resolve.</summary>
public static class ProxyDestinations
{
    /// <exception cref="ArgumentException">The text is not <c>[proto:]host[:port]</c> with proto udp, tcp or tls.</exception>
    public static SipUri Parse(string destination)
    {
        var text = destination.Trim();
        string? transport = null;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && text[..colon].ToLowerInvariant() is "udp" or "tcp" or "tls")
        {
            transport = text[..colon].ToLowerInvariant();
            text = text[(colon + 1)..];
        }

        if (text.Length == 0)
        {
            throw new ArgumentException($"'{destination}' is not [proto:]host[:port].", nameof(destination));
        }

        var uri = SipUri.Parse("sip:" + text);
        return transport is null ? uri : uri.WithParameter("transport", transport);
    }
}
