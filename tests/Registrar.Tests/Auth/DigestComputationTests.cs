using ClusterSip.Registrar.Auth;

namespace ClusterSip.Registrar.Tests.Auth;

public sealed class DigestComputationTests
{
    [Fact]
    public void Md5_response_matches_the_RFC_2617_example()
    {
        // RFC 2617 3.5.
        var ha1 = DigestComputation.Ha1(DigestAlgorithm.Md5, "Mufasa", "testrealm@host.com", "Circle Of Life");
        var response = DigestComputation.Response(DigestAlgorithm.Md5, ha1, "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001", "0a4f113b", "auth", "GET", "/dir/index.html");
        Assert.Equal("6629fae49393a05397450978507c4ef1", response);
    }

    [Fact]
    public void Sha256_and_md5_responses_match_the_RFC_7616_example()
    {
        // RFC 7616 3.9.1.
        const string nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
        const string cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
        string Compute(DigestAlgorithm a) => DigestComputation.Response(
            a, DigestComputation.Ha1(a, "Mufasa", "http-auth@example.org", "Circle of Life"), nonce, "00000001", cnonce, "auth", "GET", "/dir/index.html");

        Assert.Equal("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", Compute(DigestAlgorithm.Sha256));
        Assert.Equal("8ca523f5e9506fed4657c9700eebdbec", Compute(DigestAlgorithm.Md5));
    }

    [Theory]
    [InlineData(null, "MD5")]
    [InlineData("md5", "MD5")]
    [InlineData("SHA-256", "SHA-256")]
    [InlineData("sha-256", "SHA-256")]
    public void Algorithm_parameter_names_the_hash(string? parameter, string expected) =>
        Assert.Equal(expected, DigestAlgorithm.FromParameter(parameter)!.Name);

    [Theory]
    [InlineData("MD5-sess")]
    [InlineData("SHA-512-256")]
    [InlineData("AKAv1-MD5")]
    public void Unsupported_algorithms_are_not_recognised(string parameter) => Assert.Null(DigestAlgorithm.FromParameter(parameter));

    [Fact]
    public void An_ha1_serves_only_the_algorithm_its_length_names()
    {
        var md5 = DigestComputation.Ha1(DigestAlgorithm.Md5, "alice", "example.com", "secret");
        var credential = new UserCredential("alice", "example.com", null, md5.ToUpperInvariant());
        Assert.Equal(md5, credential.Ha1For(DigestAlgorithm.Md5));
        Assert.Null(credential.Ha1For(DigestAlgorithm.Sha256));
    }
}
