using ClusterSip.Registrar.Auth;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;

namespace ClusterSip.Registrar.Tests.Auth;

public sealed class DigestAuthenticatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 18, 0, 0, TimeSpan.Zero);

    private static readonly UserCredential[] Users =
    [
        new("alice", "example.com", "wonderland", null),
        new("bob", "example.com", null, DigestComputation.Ha1(DigestAlgorithm.Sha256, "bob", "example.com", "builder")),
    ];

    private readonly DigestAuthenticator _auth = Authenticator();

    private static DigestAuthenticator Authenticator(string secret = "shared", string? realm = null, DigestAlgorithm[]? algorithms = null) =>
        new(new DigestAuthSettings(true, realm, Users, TimeSpan.FromSeconds(30), secret, algorithms ?? [DigestAlgorithm.Sha256, DigestAlgorithm.Md5]));

    private string Challenge(string algorithm, DigestAuthenticator? auth = null) =>
        (auth ?? _auth).Challenges("example.com", false, Now).Single(c => AuthHeader.Parse(c).Algorithm == algorithm);

    private static SipRequest Signed(string credentials, string header = "Authorization") =>
        Requests.Register(lines: [$"{header}: {credentials}", "Contact: <sip:alice@192.0.2.10>"]);

    private static string Answer(string challenge, string user = "alice", string password = "wonderland", string nc = "00000001", string uri = "sip:example.com") =>
        DigestClient.Answer(challenge, "REGISTER", uri, user, password, nc);

    [Fact]
    public void A_request_without_credentials_gets_401_with_a_challenge_per_algorithm_sha256_first()
    {
        var request = Requests.Register();
        var outcome = _auth.Verify(request, AuthScope.Www, Now);
        Assert.Equal(AuthVerdict.Challenge, outcome.Verdict);

        var response = _auth.Reject(request, outcome, AuthScope.Www, Now);
        Assert.Equal(401, response.StatusCode);
        var challenges = response.WwwAuthenticates;
        Assert.Equal(["SHA-256", "MD5"], challenges.Select(c => c.Algorithm));
        Assert.All(challenges, c =>
        {
            Assert.Equal("example.com", c.Realm);
            Assert.Equal("auth", c.Qop);
            Assert.False(c.Stale);
        });
    }

    [Fact]
    public void With_md5_alone_configured_one_challenge_is_offered_and_sha256_credentials_are_challenged_again()
    {
        var md5Only = Authenticator(algorithms: [DigestAlgorithm.Md5]);
        var challenge = Assert.Single(md5Only.Challenges("example.com", false, Now));
        Assert.Equal("MD5", AuthHeader.Parse(challenge).Algorithm);
        Assert.True(md5Only.Verify(Signed(Answer(challenge)), AuthScope.Www, Now.AddSeconds(1)).IsAuthenticated);

        var sha256 = md5Only.Verify(Signed(Answer(Challenge("SHA-256"))), AuthScope.Www, Now.AddSeconds(1));
        Assert.Equal(AuthVerdict.Challenge, sha256.Verdict);
        Assert.Contains("SHA-256 not offered", sha256.Reason);
    }

    [Theory]
    [InlineData("SHA-256")]
    [InlineData("MD5")]
    public void Right_password_authenticates(string algorithm)
    {
        var outcome = _auth.Verify(Signed(Answer(Challenge(algorithm))), AuthScope.Www, Now.AddSeconds(1));
        Assert.True(outcome.IsAuthenticated, outcome.Reason);
        Assert.Equal("alice", outcome.User);
    }

    [Fact]
    public void An_ha1_credential_authenticates_its_algorithm_and_not_another()
    {
        Assert.True(_auth.Verify(Signed(Answer(Challenge("SHA-256"), "bob", "builder")), AuthScope.Www, Now).IsAuthenticated);
        var md5 = _auth.Verify(Signed(Answer(Challenge("MD5"), "bob", "builder")), AuthScope.Www, Now);
        Assert.Equal(AuthVerdict.Forbidden, md5.Verdict);
    }

    [Fact]
    public void A_nonce_from_another_node_with_the_same_secret_gets_401_stale_there_so_its_counts_cannot_be_replayed()
    {
        var nodeA = Authenticator();
        var nodeB = Authenticator();
        var request = Signed(Answer(Challenge("SHA-256", nodeA)));
        Assert.True(nodeA.Verify(request, AuthScope.Www, Now).IsAuthenticated);

        var replayed = nodeB.Verify(request, AuthScope.Www, Now);
        Assert.Equal(AuthVerdict.Stale, replayed.Verdict);
        Assert.All(nodeB.Reject(request, replayed, AuthScope.Www, Now).WwwAuthenticates, c => Assert.True(c.Stale));
        Assert.True(nodeB.Verify(Signed(Answer(Challenge("SHA-256", nodeB))), AuthScope.Www, Now).IsAuthenticated);
    }

    [Fact]
    public void A_nonce_under_another_secret_gets_a_fresh_challenge()
    {
        var outcome = _auth.Verify(Signed(Answer(Challenge("SHA-256", Authenticator("other")))), AuthScope.Www, Now);
        Assert.Equal(AuthVerdict.Challenge, outcome.Verdict);
    }

    [Fact]
    public void Wrong_password_gets_403()
    {
        var request = Signed(Answer(Challenge("SHA-256"), password: "guess"));
        var outcome = _auth.Verify(request, AuthScope.Www, Now);
        Assert.Equal(AuthVerdict.Forbidden, outcome.Verdict);
        Assert.Equal(403, _auth.Reject(request, outcome, AuthScope.Www, Now).StatusCode);
    }

    [Fact]
    public void Unknown_user_gets_403() =>
        Assert.Equal(AuthVerdict.Forbidden, _auth.Verify(Signed(Answer(Challenge("MD5"), "mallory", "x")), AuthScope.Www, Now).Verdict);

    [Fact]
    public void A_replayed_nonce_count_is_refused_and_a_higher_one_accepted()
    {
        var challenge = Challenge("SHA-256");
        Assert.True(_auth.Verify(Signed(Answer(challenge, nc: "00000002")), AuthScope.Www, Now).IsAuthenticated);
        Assert.Equal(AuthVerdict.Forbidden, _auth.Verify(Signed(Answer(challenge, nc: "00000002")), AuthScope.Www, Now).Verdict);
        Assert.Equal(AuthVerdict.Forbidden, _auth.Verify(Signed(Answer(challenge, nc: "00000001")), AuthScope.Www, Now).Verdict);
        Assert.True(_auth.Verify(Signed(Answer(challenge, nc: "00000003")), AuthScope.Www, Now).IsAuthenticated);
    }

    [Fact]
    public void An_expired_nonce_with_the_right_password_gets_401_stale()
    {
        var request = Signed(Answer(Challenge("SHA-256")));
        var later = Now.AddSeconds(31);
        var outcome = _auth.Verify(request, AuthScope.Www, later);
        Assert.Equal(AuthVerdict.Stale, outcome.Verdict);

        var response = _auth.Reject(request, outcome, AuthScope.Www, later);
        Assert.Equal(401, response.StatusCode);
        Assert.All(response.WwwAuthenticates, c => Assert.True(c.Stale));
    }

    [Fact]
    public void An_expired_nonce_with_a_wrong_password_gets_403() =>
        Assert.Equal(AuthVerdict.Forbidden, _auth.Verify(Signed(Answer(Challenge("SHA-256"), password: "guess")), AuthScope.Www, Now.AddSeconds(31)).Verdict);

    [Fact]
    public void Credentials_for_another_realm_get_a_challenge()
    {
        var credentials = DigestClient.Answer(Challenge("MD5"), "REGISTER", "sip:example.com", "alice", "wonderland", realmOverride: "other.org");
        Assert.Equal(AuthVerdict.Challenge, _auth.Verify(Signed(credentials), AuthScope.Www, Now).Verdict);
    }

    [Fact]
    public void An_unsupported_algorithm_gets_a_challenge()
    {
        var credentials = Answer(Challenge("MD5")).Replace("algorithm=MD5", "algorithm=MD5-sess");
        Assert.Equal(AuthVerdict.Challenge, _auth.Verify(Signed(credentials), AuthScope.Www, Now).Verdict);
    }

    [Theory]
    [InlineData("qop=auth, ", "")]
    [InlineData("nc=00000001", "nc=1")]
    [InlineData("nc=00000001", "nc=zzzzzzzz")]
    [InlineData(", cnonce=\"0a4f113b\"", "")]
    [InlineData("qop=auth", "qop=auth-int")]
    [InlineData("uri=\"sip:example.com\"", "uri=\"sip:other.org\"")]
    [InlineData("uri=\"sip:example.com\"", "uri=\"not a uri\"")]
    public void Malformed_credentials_get_400(string part, string replacement)
    {
        var credentials = Answer(Challenge("MD5"));
        Assert.Contains(part, credentials);
        var request = Signed(credentials.Replace(part, replacement));
        var outcome = _auth.Verify(request, AuthScope.Www, Now);
        Assert.Equal(AuthVerdict.Malformed, outcome.Verdict);
        Assert.Equal(400, _auth.Reject(request, outcome, AuthScope.Www, Now).StatusCode);
    }

    [Fact]
    public void Proxy_scope_challenges_with_407_and_reads_proxy_authorization()
    {
        var invite = Requests.Invite();
        var outcome = _auth.Verify(invite, AuthScope.Proxy, Now);
        var response = _auth.Reject(invite, outcome, AuthScope.Proxy, Now);
        Assert.Equal(407, response.StatusCode);
        Assert.Equal(2, response.ProxyAuthenticates.Count);

        var challenge = response.Headers.Get(HeaderNames.ProxyAuthenticate)!;
        var credentials = DigestClient.Answer(challenge, "INVITE", "sip:bob@example.com", "alice", "wonderland");
        var signed = Requests.Invite(lines: [$"Proxy-Authorization: {credentials}"]);
        Assert.True(_auth.Verify(signed, AuthScope.Proxy, Now).IsAuthenticated);
        Assert.Equal(AuthVerdict.Challenge, _auth.Verify(signed, AuthScope.Www, Now).Verdict);
    }

    [Fact]
    public void The_realm_is_the_To_domain_of_a_register_the_From_domain_otherwise_unless_configured()
    {
        Assert.Equal("example.com", _auth.RealmFor(Requests.Register("sip:carol@example.com")));
        Assert.Equal("example.com", _auth.RealmFor(Requests.Invite("sip:dave@elsewhere.net")));
        Assert.Equal("sip.example.com", Authenticator(realm: "sip.example.com").RealmFor(Requests.Register()));
    }
}
