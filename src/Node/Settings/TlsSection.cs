using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ClusterSip.Node.Configuration;
using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Node.Settings;

/// <summary>cluster-sip.sip.tls: the node's certificate and key (PEM files), the authorities it trusts, and its checks.</summary>
public static class TlsSection
{
    private const string Section = "cluster-sip.sip.tls";

    /// <param name="needsIdentity">A tls: or wss: listener is configured, so a certificate is required.</param>
    public static TlsSettings Read(SettingsReader reader, bool needsIdentity)
    {
        var certificate = reader.String($"{Section}.certificate");
        if (certificate.Length == 0 && needsIdentity)
            throw reader.Invalid($"{Section}.certificate", "must name a PEM certificate file: cluster-sip.sip.listen has a tls: or wss: listener");

        var caFile = reader.String($"{Section}.ca-file");
        return new TlsSettings
        {
            Identity = certificate.Length == 0 ? null : ReadIdentity(reader, certificate),
            TrustedAuthorities = caFile.Length == 0 ? null : ReadCertificates(reader, $"{Section}.ca-file", caFile),
            VerifyClient = reader.Flag($"{Section}.verify-client"),
            VerifyServer = reader.Flag($"{Section}.verify-server"),
            HandshakeTimeout = reader.Duration($"{Section}.handshake-timeout"),
        };
    }

    private static TlsIdentity ReadIdentity(SettingsReader reader, string certificatePath)
    {
        var chain = ReadCertificates(reader, $"{Section}.certificate", certificatePath);
        var keyKey = $"{Section}.private-key";
        var keyPath = reader.String(keyKey);
        if (keyPath.Length > 0 && !File.Exists(keyPath))
            throw reader.Invalid(keyKey, $"file \"{Path.GetFullPath(keyPath)}\" does not exist");

        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPemFile(certificatePath, keyPath.Length == 0 ? null : keyPath);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            // ArgumentException: the key is another certificate's.
            throw reader.Invalid(keyKey, $"holds no PEM private key of the certificate in \"{certificatePath}\" ({e.Message})");
        }

        if (!certificate.HasPrivateKey)
            throw reader.Invalid(keyKey, $"holds no PEM private key of the certificate in \"{certificatePath}\"");

        return new TlsIdentity(certificate, new X509Certificate2Collection(chain.Skip(1).ToArray()));
    }

    private static X509Certificate2Collection ReadCertificates(SettingsReader reader, string key, string path)
    {
        if (!File.Exists(path))
            throw reader.Invalid(key, $"file \"{Path.GetFullPath(path)}\" does not exist");

        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPemFile(path);
        }
        catch (CryptographicException e)
        {
            throw reader.Invalid(key, $"file \"{path}\" is not valid PEM ({e.Message})");
        }

        return certificates.Count > 0 ? certificates : throw reader.Invalid(key, $"file \"{path}\" holds no PEM certificate");
    }
}
