using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ClusterSip.Node.Registrar;
using ClusterSip.Node.Sip;
using ClusterSip.Node.Tests.Support;
using ClusterSip.Sip.Messages;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.Node.Tests;

/// <summary>A node with a TLS listener (certificate from PEM files) and the registrar's default route: calls over TLS end to end.</summary>
[Collection(NodesCollection.Name)]
public sealed class TlsNodeTests : IAsyncLifetime
{
    private readonly TestCertificates _certificates = new();
    private readonly IPEndPoint _udp = new(IPAddress.Loopback, FreePorts.Next());
    private readonly IPEndPoint _tls = new(IPAddress.Loopback, FreePorts.Next());
    private InProcessNode _node = null!;

    public async Task InitializeAsync()
    {
        _node = await InProcessNode.StartAsync(features: [new RegistrarFeature(), new SipFeature()], sets:
        [
            $"cluster-sip.sip.listen=[\"udp:{_udp}\", \"tls:{_tls}\"]",
            $"cluster-sip.sip.tls.certificate=\"{_certificates.ServerCertificateFile}\"",
            $"cluster-sip.sip.tls.private-key=\"{_certificates.ServerKeyFile}\"",
            $"cluster-sip.sip.tls.ca-file=\"{_certificates.AuthorityFile}\"",
            "cluster-sip.registrar.domains=[\"example.com\"]",
            "cluster-sip.registrar.lookup-timeout=30s",
        ]);
        await _node.Api.WaitUntilReadyAsync();
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _certificates.Dispose();
    }

    [Fact]
    public async Task A_TLS_caller_reaches_a_TLS_callee_registered_over_TLS_and_the_call_completes()
    {
        using var calleeListener = new TcpListener(IPAddress.Loopback, 0);
        calleeListener.Start();
        var calleeContact = $"sip:bob@{calleeListener.LocalEndpoint};transport=tls";
        using (var bob = await TcpPeer.ConnectTlsAsync(_tls, _certificates.ClientOptions()))
        {
            await bob.SendAsync(Register(bob, calleeContact));
            var registered = (SipResponse)await bob.ReadMessageAsync();
            Assert.True(registered.StatusCode == 200, registered + _node.Log);
        }

        using var alice = await TcpPeer.ConnectTlsAsync(_tls, _certificates.ClientOptions());
        var callId = Guid.NewGuid().ToString("N");
        await alice.SendAsync(Request("INVITE", "sip:bob@example.com", alice, callId, 1, []));
        using var bob2 = new TcpPeer(await calleeListener.AcceptSocketAsync(new CancellationTokenSource(TimeSpan.FromSeconds(15)).Token));
        await bob2.AuthenticateAsServerAsync(_certificates.ServerOptions());
        var invite = (SipRequest)await bob2.ReadMessageAsync();
        Assert.Equal(calleeContact, invite.RequestUri.ToString());
        Assert.Equal("TLS", invite.TopVia!.Transport);
        Assert.StartsWith($"sip:{_tls};transport=tls;lr", Assert.Single(invite.RecordRoutes).Uri.ToString(), StringComparison.Ordinal);

        await bob2.SendAsync(Answer(invite, 180, calleeContact));
        await bob2.SendAsync(Answer(invite, 200, calleeContact));
        var ok = await FinalResponseAsync(alice);
        Assert.Equal(200, ok.StatusCode);
        var routes = ok.RecordRoutes.Reverse().Select(r => $"Route: <{r.Uri}>").ToArray();
        var toTag = ok.To!.Tag;

        await alice.SendAsync(Request("ACK", calleeContact, alice, callId, 1, [.. routes, $"To: <sip:bob@example.com>;tag={toTag}"]));
        Assert.Equal("ACK", ((SipRequest)await bob2.ReadMessageAsync()).Method);
        await alice.SendAsync(Request("BYE", calleeContact, alice, callId, 2, [.. routes, $"To: <sip:bob@example.com>;tag={toTag}"]));
        var bye = (SipRequest)await bob2.ReadMessageAsync();
        Assert.Equal("BYE", bye.Method);
        await bob2.SendAsync(SipResponse.CreateFor(bye, 200).ToString());
        Assert.Equal(200, (await FinalResponseAsync(alice)).StatusCode);

        var metrics = await (await _node.Api.GetAsync("/metrics")).Content.ReadAsStringAsync();
        Assert.Contains("protocol=\"tls\"", metrics);
    }

    [Fact]
    public async Task Openssl_s_client_registers_over_TLS_and_gets_200()
    {
        var register = Register(null, $"sip:carol@127.0.0.1:5999;transport=tls").Replace("bob", "carol", StringComparison.Ordinal);
        var start = new ProcessStartInfo("openssl", ["s_client", "-connect", _tls.ToString(), "-CAfile", _certificates.AuthorityFile, "-verify_return_error", "-quiet"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var openssl = Process.Start(start)!;
        try
        {
            await openssl.StandardInput.WriteAsync(register);
            await openssl.StandardInput.FlushAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            string? line;
            do
            {
                line = await openssl.StandardOutput.ReadLineAsync(timeout.Token);
            }
            while (line is not null && !line.StartsWith("SIP/2.0 ", StringComparison.Ordinal));

            Assert.Equal("SIP/2.0 200 OK", line);
        }
        finally
        {
            openssl.Kill();
            await openssl.WaitForExitAsync();
        }
    }

    private static async Task<SipResponse> FinalResponseAsync(TcpPeer peer)
    {
        while (true)
        {
            if (await peer.ReadMessageAsync() is SipResponse { IsFinal: true } final)
            {
                return final;
            }
        }
    }

    private static string Register(TcpPeer? peer, string contact) =>
        "REGISTER sip:example.com SIP/2.0\r\n" +
        $"Via: SIP/2.0/TLS {SentBy(peer)};branch=z9hG4bK-{Guid.NewGuid():N}\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: <sip:bob@example.com>;tag=reg\r\n" +
        "To: <sip:bob@example.com>\r\n" +
        $"Call-ID: reg-{Guid.NewGuid():N}\r\n" +
        "CSeq: 1 REGISTER\r\n" +
        $"Contact: <{contact}>;expires=600\r\n" +
        "Content-Length: 0\r\n\r\n";

    private static string Request(string method, string uri, TcpPeer alice, string callId, int cseq, string[] headers) =>
        $"{method} {uri} SIP/2.0\r\n" +
        $"Via: SIP/2.0/TLS {SentBy(alice)};branch=z9hG4bK-{Guid.NewGuid():N}\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: <sip:alice@example.com>;tag=alice\r\n" +
        (headers.Any(h => h.StartsWith("To:", StringComparison.Ordinal)) ? "" : "To: <sip:bob@example.com>\r\n") +
        $"Call-ID: {callId}\r\n" +
        $"CSeq: {cseq} {method}\r\n" +
        $"Contact: <sip:alice@{SentBy(alice)};transport=tls>\r\n" +
        string.Concat(headers.Select(h => h + "\r\n")) +
        "Content-Length: 0\r\n\r\n";

    private static string Answer(SipRequest invite, int code, string contact)
    {
        var response = SipResponse.CreateFor(invite, code, toTag: "bob");
        return response.ToString().Replace("Content-Length: 0\r\n", $"Contact: <{contact}>\r\nContent-Length: 0\r\n", StringComparison.Ordinal);
    }

    private static string SentBy(TcpPeer? peer) => peer?.Socket.LocalEndPoint?.ToString() ?? "127.0.0.1:5999";
}
