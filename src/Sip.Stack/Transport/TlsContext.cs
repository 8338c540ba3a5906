using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace ClusterSip.Sip.Stack.Transport;

/// <summary>The TLS parameters of every connection, built once from <see cref="TlsSettings"/>: TLS 1.2 and 1.3 only.</summary>
internal sealed class TlsContext
{
    private const SslProtocols Protocols = SslProtocols.Tls12 | SslProtocols.Tls13;

    private readonly TlsSettings _settings;
    private readonly SslStreamCertificateContext? _identity;
    private readonly X509ChainPolicy? _policy;

    public TlsContext(TlsSettings settings)
    {
        _settings = settings;
        _identity = settings.Identity is { } identity
            ? SslStreamCertificateContext.Create(identity.Certificate, identity.Intermediates, offline: true)
            : null;
        _policy = settings.TrustedAuthorities is { } authorities ? Policy(authorities) : null;
    }

    public SslServerAuthenticationOptions Server() => new()
    {
        ServerCertificateContext = _identity ?? throw new InvalidOperationException("TLS needs a certificate (cluster-sip.sip.tls.certificate)."),
        EnabledSslProtocols = Protocols,
        ClientCertificateRequired = _settings.VerifyClient,
        CertificateChainPolicy = _policy,

        // Without verify-client a certificate the client does not send (or that does not chain) is not a reason to refuse it.
        RemoteCertificateValidationCallback = _settings.VerifyClient ? null : (_, _, _, _) => true,
    };

    /// <param name="serverName">The name the server's certificate must carry (SNI too when it is a host name).</param>
    public SslClientAuthenticationOptions Client(string serverName) => new()
    {
        TargetHost = serverName,
        EnabledSslProtocols = Protocols,
        ClientCertificateContext = _identity,
        CertificateChainPolicy = _policy,
        RemoteCertificateValidationCallback = _settings.VerifyServer ? null : (_, _, _, _) => true,
    };

    private static X509ChainPolicy Policy(X509Certificate2Collection authorities)
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.AddRange(authorities);
        return policy;
    }
}
