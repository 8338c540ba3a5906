using ClusterSip.Node.Configuration;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.Node.Tests;

/// <summary>cluster-sip.sip.tls: PEM files read once at start; a missing or bad one stops the node naming its key.</summary>
public sealed class TlsSectionTests : IDisposable
{
    private readonly TestCertificates _certificates = new();

    public void Dispose() => _certificates.Dispose();

    [Fact]
    public void The_certificate_key_and_authorities_are_read_from_their_PEM_files()
    {
        var tls = TestConfiguration.Load(
            "cluster-sip.sip.listen=[\"tls:127.0.0.1:5061\"]",
            $"cluster-sip.sip.tls.certificate=\"{_certificates.ServerCertificateFile}\"",
            $"cluster-sip.sip.tls.private-key=\"{_certificates.ServerKeyFile}\"",
            $"cluster-sip.sip.tls.ca-file=\"{_certificates.AuthorityFile}\"",
            "cluster-sip.sip.tls.verify-client=on").Settings.Sip.Transport.Tls;

        Assert.Equal(_certificates.Server.Thumbprint, tls.Identity!.Certificate.Thumbprint);
        Assert.True(tls.Identity.Certificate.HasPrivateKey);
        Assert.Equal(_certificates.Authority.Thumbprint, Assert.Single(tls.TrustedAuthorities!).Thumbprint);
        Assert.True(tls.VerifyClient);
    }

    [Fact]
    public void A_tls_listener_without_a_certificate_stops_the_node_naming_the_certificate_key()
    {
        var error = Assert.Throws<ConfigurationException>(() => TestConfiguration.Load("cluster-sip.sip.listen=[\"tls:127.0.0.1:5061\"]"));

        Assert.Equal("cluster-sip.sip.tls.certificate", error.Key);
        Assert.Contains("tls: or wss: listener", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("certificate", "cluster-sip.sip.tls.certificate", "does not exist")]
    [InlineData("private-key", "cluster-sip.sip.tls.private-key", "does not exist")]
    [InlineData("ca-file", "cluster-sip.sip.tls.ca-file", "does not exist")]
    [InlineData("not-pem", "cluster-sip.sip.tls.certificate", "holds no PEM certificate")]
    [InlineData("wrong-key", "cluster-sip.sip.tls.private-key", "holds no PEM private key")]
    [InlineData("bad-timeout", "cluster-sip.sip.tls.handshake-timeout", "duration")]
    public void A_bad_file_or_value_stops_the_node_naming_its_key(string fault, string key, string problem)
    {
        var missing = Path.Combine(_certificates.Directory, "missing.pem");
        var notPem = Path.Combine(_certificates.Directory, "not.pem");
        File.WriteAllText(notPem, "this is not PEM\n");
        string[] sets =
        [
            "cluster-sip.sip.listen=[\"tls:127.0.0.1:5061\"]",
            $"cluster-sip.sip.tls.certificate=\"{fault switch { "certificate" => missing, "not-pem" => notPem, _ => _certificates.ServerCertificateFile }}\"",
            $"cluster-sip.sip.tls.private-key=\"{fault switch { "private-key" => missing, "wrong-key" => _certificates.ClientKeyFile, _ => _certificates.ServerKeyFile }}\"",
            $"cluster-sip.sip.tls.ca-file=\"{(fault == "ca-file" ? missing : _certificates.AuthorityFile)}\"",
            $"cluster-sip.sip.tls.handshake-timeout={(fault == "bad-timeout" ? "soon" : "5s")}",
        ];

        var error = Assert.Throws<ConfigurationException>(() => TestConfiguration.Load(sets));

        Assert.Equal(key, error.Key);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }
}
