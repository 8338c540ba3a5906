using System.Security.Cryptography.X509Certificates;

namespace ClusterSip.Sip.Stack.Transport;

/// <summary>How TLS connections authenticate; the node reads them from <c>cluster-sip.sip.tls</c> (defaults in hocon/node.conf).</summary>
public sealed record TlsSettings
{
    /// <summary>What TLS listeners present, and outbound connections offer to servers asking for one; null = nothing (no tls: listener can be bound).</summary>
    public required TlsIdentity? Identity { get; init; }

    /// <summary>The authorities trusted for peer certificates (clients and servers); null = the system's trust store.</summary>
    public required X509Certificate2Collection? TrustedAuthorities { get; init; }

    /// <summary>Inbound connections must present a certificate that chains to a trusted authority.</summary>
    public required bool VerifyClient { get; init; }

    /// <summary>Outbound connections check the server's certificate (chain and name); off only for tests and labs.</summary>
    public required bool VerifyServer { get; init; }

    /// <summary>How long a TLS handshake may take, inbound from the accepted connection or outbound after the TCP connect; then the connection is closed.</summary>
    public required TimeSpan HandshakeTimeout { get; init; }
}
