using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Tests.Support;

/// <summary>
/// A throwaway certificate authority with a server certificate (for 127.0.0.1 and localhost) and a client certificate
/// it signed, as objects and as PEM files in a temp directory (deleted on dispose; never committed).
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private readonly TempDirectory _directory = new("tls");
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

    public TestCertificates(string authorityName = "Test CA")
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN={authorityName}", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        Authority = caRequest.CreateSelfSigned(_now.AddDays(-1), _now.AddDays(30));
        Server = Issue("CN=localhost", serverAuth: true);
        Client = Issue("CN=test client", serverAuth: false);

        AuthorityFile = Write("ca.pem", Authority.ExportCertificatePem());
        ServerCertificateFile = Write("server.pem", Server.ExportCertificatePem());
        ServerKeyFile = Write("server.key", Server.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        ClientCertificateFile = Write("client.pem", Client.ExportCertificatePem());
        ClientKeyFile = Write("client.key", Client.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
    }

    public X509Certificate2 Authority { get; }

    public X509Certificate2 Server { get; }

    public X509Certificate2 Client { get; }

    public string AuthorityFile { get; }

    public string ServerCertificateFile { get; }

    public string ServerKeyFile { get; }

    public string ClientCertificateFile { get; }

    public string ClientKeyFile { get; }

    public string Directory => _directory.Path;

    /// <summary>node.conf's TLS defaults with this authority trusted and the server certificate as the node's identity.</summary>
    public TlsSettings Settings(TlsSettings defaults) => defaults with
    {
        Identity = new TlsIdentity(Server, []),
        TrustedAuthorities = [Authority],
    };

    /// <summary>Options for an SslStream client that trusts only this authority, offering <paramref name="certificate"/> when given.</summary>
    public SslClientAuthenticationOptions ClientOptions(X509Certificate2? certificate = null, string targetHost = "127.0.0.1")
    {
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(Authority);
        return new SslClientAuthenticationOptions
        {
            TargetHost = targetHost,
            CertificateChainPolicy = policy,
            ClientCertificates = certificate is null ? null : [certificate],
        };
    }

    /// <summary>Options for an SslStream server presenting the server certificate.</summary>
    public SslServerAuthenticationOptions ServerOptions() => new() { ServerCertificate = Server };

    public void Dispose()
    {
        Authority.Dispose();
        Server.Dispose();
        Client.Dispose();
        _directory.Dispose();
    }

    private X509Certificate2 Issue(string subject, bool serverAuth)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(serverAuth ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        if (serverAuth)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        using var issued = request.Create(Authority, _now.AddDays(-1), _now.AddDays(29), serial);
        return issued.CopyWithPrivateKey(key);
    }

    private string Write(string name, string pem)
    {
        var path = Path.Combine(_directory.Path, name);
        File.WriteAllText(path, pem);
        return path;
    }
}
