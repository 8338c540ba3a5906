using System.Net;
using ClusterSip.Node.Registrar;
using ClusterSip.Node.Sip;
using ClusterSip.Node.Tests.Support;
using ClusterSip.Registrar.Auth;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Tests.Support;
using Xunit;
using static ClusterSip.Node.Tests.Support.SipRequests;

namespace ClusterSip.Node.Tests;

/// <summary>The default route with the registrar on, over real UDP sockets: REGISTER with digest, then calls to the registered user.</summary>
[Collection(NodesCollection.Name)]
public sealed class RegistrarRouteTests : IAsyncLifetime
{
    private readonly IPEndPoint _sip = new(IPAddress.Loopback, FreePorts.Next());
    private InProcessNode _node = null!;

    public async Task InitializeAsync()
    {
        _node = await InProcessNode.StartAsync(features: [new RegistrarFeature(), new SipFeature()], sets:
        [
            $"cluster-sip.sip.listen=[\"udp:{_sip}\"]",
            "cluster-sip.registrar.domains=[\"example.com\"]",
            "cluster-sip.registrar.lookup-timeout=30s",
            "cluster-sip.auth.enabled=on",
            "cluster-sip.auth.secret=test-secret",
            "cluster-sip.auth.users=[{ user = \"bob\", domain = \"example.com\", password = \"builder\" }]",
        ]);
        await _node.Api.WaitUntilReadyAsync();
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task A_user_registers_with_digest_and_then_receives_a_call_and_an_unknown_user_gets_404()
    {
        using var bob = new LoopbackUa();
        var contact = $"sip:bob@{bob.EndPoint}";
        var challenge = await bob.Request(_sip, Register(bob, 1, contact));
        Assert.Equal(401, challenge.StatusCode);
        Assert.Equal(["SHA-256", "MD5"], challenge.WwwAuthenticates.Select(c => c.Algorithm));

        var sha256 = challenge.WwwAuthenticates[0];
        var ha1 = DigestComputation.Ha1(DigestAlgorithm.Sha256, "bob", "example.com", "builder");
        var response = DigestComputation.Response(DigestAlgorithm.Sha256, ha1, sha256.Nonce!, "00000001", "c0ffee", "auth", "REGISTER", "sip:example.com");
        var authorization = $"Digest username=\"bob\", realm=\"example.com\", nonce=\"{sha256.Nonce}\", uri=\"sip:example.com\", " +
                            $"response=\"{response}\", algorithm=SHA-256, qop=auth, nc=00000001, cnonce=\"c0ffee\"";
        var ok = await bob.Request(_sip, Register(bob, 2, contact, $"Authorization: {authorization}"));
        Assert.Equal(200, ok.StatusCode);
        Assert.Equal(contact, Assert.Single(ok.Contacts).Uri!.ToString());

        using var alice = new LoopbackUa();
        await alice.Send(_sip, Invite(alice, "sip:bob@example.com"));
        var forwarded = (SipRequest)await bob.Receive(m => m is SipRequest { Method: SipMethods.Invite });
        Assert.Equal(contact, forwarded.RequestUri.ToString());

        var unknown = await alice.Request(_sip, Invite(alice, "sip:nobody@example.com"));
        Assert.Equal(404, unknown.StatusCode);

        var stats = await _node.Api.GetJsonAsync<Management.StatisticsResponse>("/statistics/registrar");
        Assert.Equal(1, stats.Statistics["accepted_regs"]);
        Assert.Equal(0, stats.Statistics["rejected_regs"]); // the 401 was auth's
    }

    [Fact]
    public async Task A_register_addressed_to_the_nodes_own_address_saves_the_to_address_of_record()
    {
        using var bob = new LoopbackUa();
        var contact = $"sip:bob@{bob.EndPoint}";
        var requestUri = $"sip:{_sip}";
        var challenge = await bob.Request(_sip, RegisterTo(requestUri, bob, 1, contact));
        Assert.Equal(401, challenge.StatusCode);

        var md5 = challenge.WwwAuthenticates.Single(c => c.Algorithm == "MD5");
        var ha1 = DigestComputation.Ha1(DigestAlgorithm.Md5, "bob", "example.com", "builder");
        var response = DigestComputation.Response(DigestAlgorithm.Md5, ha1, md5.Nonce!, "00000001", "0a4f113b", "auth", "REGISTER", requestUri);
        var authorization = $"Digest username=\"bob\", realm=\"example.com\", nonce=\"{md5.Nonce}\", uri=\"{requestUri}\", " +
                            $"response=\"{response}\", algorithm=MD5, qop=auth, nc=00000001, cnonce=\"0a4f113b\"";
        var ok = await bob.Request(_sip, RegisterTo(requestUri, bob, 2, contact, $"Authorization: {authorization}"));
        Assert.Equal(200, ok.StatusCode);

        var bindings = await _node.Api.GetJsonAsync<System.Text.Json.JsonElement>("/location/sip:bob@example.com");
        Assert.Contains(contact, bindings.ToString());
    }

    [Fact]
    public async Task Contacts_ring_in_q_order_and_the_lower_q_only_after_the_higher_failed()
    {
        using var desk = new LoopbackUa();
        using var mobile = new LoopbackUa();
        var contacts = $"<sip:bob@{desk.EndPoint}>;q=1.0, <sip:bob@{mobile.EndPoint}>;q=0.5";
        Assert.Equal(200, (await RegisterWithDigest(desk, contacts)).StatusCode);

        using var alice = new LoopbackUa();
        await alice.Send(_sip, Invite(alice, "sip:bob@example.com"));
        var first = (SipRequest)await desk.Receive(m => m is SipRequest { Method: SipMethods.Invite });
        await desk.Send(_sip, SipResponse.CreateFor(first, 486, toTag: "desk").ToString());

        var second = (SipRequest)await mobile.Receive(m => m is SipRequest { Method: SipMethods.Invite });
        Assert.Equal($"sip:bob@{mobile.EndPoint}", second.RequestUri.ToString());
        await mobile.Send(_sip, SipResponse.CreateFor(second, 480, toTag: "mobile").ToString());
        var final = (SipResponse)await alice.Receive(m => m is SipResponse { IsFinal: true });
        Assert.Equal(480, final.StatusCode);
    }

    [Fact]
    public async Task A_contact_registered_through_an_edge_proxy_rings_along_its_path_next_to_a_direct_one()
    {
        using var desk = new LoopbackUa();
        using var edge = new LoopbackUa();
        Assert.Equal(200, (await RegisterWithDigest(desk, $"<sip:bob@{desk.EndPoint}>")).StatusCode);
        Assert.Equal(200, (await RegisterWithDigest(edge, "<sip:bob@192.0.2.77:5080>", $"Path: <sip:{edge.EndPoint};lr>", "Supported: path")).StatusCode);

        using var alice = new LoopbackUa();
        await alice.Send(_sip, Invite(alice, "sip:bob@example.com"));
        var direct = (SipRequest)await desk.Receive(m => m is SipRequest { Method: SipMethods.Invite });
        Assert.Empty(direct.Routes);
        var viaEdge = (SipRequest)await edge.Receive(m => m is SipRequest { Method: SipMethods.Invite });
        Assert.Equal("sip:bob@192.0.2.77:5080", viaEdge.RequestUri.ToString());
        Assert.Equal($"sip:{edge.EndPoint};lr", Assert.Single(viaEdge.Routes).Uri.ToString());
    }

    private async Task<SipResponse> RegisterWithDigest(LoopbackUa ua, string contacts, params string[] lines)
    {
        var challenge = await ua.Request(_sip, Register(ua, 1, null, [$"Contact: {contacts}", .. lines]));
        var md5 = challenge.WwwAuthenticates.Single(c => c.Algorithm == "MD5");
        var ha1 = DigestComputation.Ha1(DigestAlgorithm.Md5, "bob", "example.com", "builder");
        var response = DigestComputation.Response(DigestAlgorithm.Md5, ha1, md5.Nonce!, "00000001", "abc", "auth", "REGISTER", "sip:example.com");
        var authorization = $"Digest username=\"bob\", realm=\"example.com\", nonce=\"{md5.Nonce}\", uri=\"sip:example.com\", " +
                            $"response=\"{response}\", qop=auth, nc=00000001, cnonce=\"abc\"";
        return await ua.Request(_sip, Register(ua, 2, null, [$"Contact: {contacts}", $"Authorization: {authorization}", .. lines]));
    }
}
