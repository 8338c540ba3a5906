using ClusterSip.Registrar.Auth;
using ClusterSip.Registrar.Location;
using ClusterSip.Registrar.Tests.Auth;
using ClusterSip.Sip.Headers;

namespace ClusterSip.Registrar.Tests.Sharding;

public sealed class SipRegistrarTests : IAsyncLifetime
{
    private readonly ClusterNodes _cluster = new();
    private readonly RegistrarStatistics _statistics = new();
    private SipRegistrar _registrar = null!;

    public async Task InitializeAsync()
    {
        var node = await _cluster.Start();
        var auth = new DigestAuthenticator(new DigestAuthSettings(true, null, [new UserCredential("alice", "example.com", "wonderland", null)], TimeSpan.FromSeconds(30), "s", [DigestAlgorithm.Sha256, DigestAlgorithm.Md5]));
        _registrar = new SipRegistrar(ClusterNodes.Policy, node.Location, auth, _statistics);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Without_auth_a_bad_register_is_rejected_and_counted_and_a_good_one_saved()
    {
        var statistics = new RegistrarStatistics();
        var open = new SipRegistrar(ClusterNodes.Policy, _registrar.Location, null, statistics);
        Assert.Equal(400, (await open.Register(Requests.Register("sip:carol@example.com", lines: "Contact: <sip:carol@192.0.2.10>;expires=soon"), null, "node-a")).StatusCode);
        Assert.Equal(200, (await open.Register(Requests.Register("sip:carol@example.com", cseq: 2, lines: "Contact: <sip:carol@192.0.2.10>"), null, "node-a")).StatusCode);
        Assert.Equal(new Dictionary<string, long> { ["accepted_regs"] = 1, ["rejected_regs"] = 1 }, statistics.Snapshot());
    }

    [Fact]
    public async Task A_register_is_challenged_then_saved_with_the_answer()
    {
        var challenge = await _registrar.Register(Requests.Register(lines: "Contact: <sip:alice@192.0.2.10>"), "udp:192.0.2.10:5060", "node-a");
        Assert.Equal(401, challenge.StatusCode);
        Assert.Empty((await _registrar.Location.Lookup("sip:alice@example.com")).Bindings);

        var credentials = DigestClient.Answer(challenge.Headers.Get(HeaderNames.WwwAuthenticate)!, "REGISTER", "sip:example.com", "alice", "wonderland");
        var ok = await _registrar.Register(Requests.Register(cseq: 2, lines: ["Contact: <sip:alice@192.0.2.10>", $"Authorization: {credentials}"]), "udp:192.0.2.10:5060", "node-a");
        Assert.Equal(200, ok.StatusCode);
        Assert.Equal("sip:alice@192.0.2.10", Assert.Single((await _registrar.Location.Lookup("sip:alice@example.com")).Bindings).Uri);
        Assert.Equal(new Dictionary<string, long> { ["accepted_regs"] = 1, ["rejected_regs"] = 0 }, _statistics.Snapshot());
    }

    [Fact]
    public async Task Wrong_credentials_get_403_and_change_no_binding()
    {
        var challenge = await _registrar.Register(Requests.Register(lines: "Contact: <sip:alice@192.0.2.10>"), null, "node-a");
        var credentials = DigestClient.Answer(challenge.Headers.Get(HeaderNames.WwwAuthenticate)!, "REGISTER", "sip:example.com", "alice", "guess");
        var response = await _registrar.Register(Requests.Register(cseq: 2, lines: ["Contact: <sip:alice@192.0.2.10>", $"Authorization: {credentials}"]), null, "node-a");
        Assert.Equal(403, response.StatusCode);
        Assert.Empty((await _registrar.Location.Lookup("sip:alice@example.com")).Bindings);
    }

    [Fact]
    public async Task An_authenticated_user_cannot_register_another_address_of_record()
    {
        var request = () => Requests.Register("sip:bob@example.com", lines: "Contact: <sip:bob@192.0.2.10>");
        var challenge = await _registrar.Register(request(), null, "node-a");
        var credentials = DigestClient.Answer(challenge.Headers.Get(HeaderNames.WwwAuthenticate)!, "REGISTER", "sip:example.com", "alice", "wonderland");
        var response = await _registrar.Register(Requests.Register("sip:bob@example.com", cseq: 2, lines: ["Contact: <sip:bob@192.0.2.10>", $"Authorization: {credentials}"]), null, "node-a");
        Assert.Equal(403, response.StatusCode);
        Assert.Empty((await _registrar.Location.Lookup("sip:bob@example.com")).Bindings);
    }
}
