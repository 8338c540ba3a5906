using System.Net;
using ClusterSip.Node.Registrar;
using ClusterSip.Node.Sip;
using ClusterSip.Node.Tests.Support;
using ClusterSip.Sip.Messages;
using ClusterSip.Tests.Support;
using Xunit;
using static ClusterSip.Node.Tests.Support.SipRequests;

namespace ClusterSip.Node.Tests;

/// <summary>A browser-style user agent registered over WebSocket (RFC 7118) receives a call over that connection.</summary>
[Collection(NodesCollection.Name)]
public sealed class WebSocketNodeTests : IAsyncLifetime
{
    private readonly IPEndPoint _udp = new(IPAddress.Loopback, FreePorts.Next());
    private readonly IPEndPoint _ws = new(IPAddress.Loopback, FreePorts.Next());
    private InProcessNode _node = null!;

    public async Task InitializeAsync()
    {
        _node = await InProcessNode.StartAsync(features: [new RegistrarFeature(), new SipFeature()], sets:
        [
            $"cluster-sip.sip.listen=[\"udp:{_udp}\", \"ws:{_ws}\"]",
            "cluster-sip.registrar.domains=[\"example.com\"]",
            "cluster-sip.registrar.lookup-timeout=30s",
        ]);
        await _node.Api.WaitUntilReadyAsync();
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task A_user_registered_over_WebSocket_gets_the_call_over_its_connection_and_answers_it()
    {
        using var browser = await WsPeer.ConnectAsync(WsPeer.Address("ws", _ws));
        const string contact = "sip:bob@df7jal23ls0d.invalid;transport=ws";
        await browser.SendAsync(
            "REGISTER sip:example.com SIP/2.0\r\n" +
            $"Via: SIP/2.0/WS df7jal23ls0d.invalid;branch=z9hG4bK-{Guid.NewGuid():N}\r\n" +
            "Max-Forwards: 70\r\nFrom: <sip:bob@example.com>;tag=ws\r\nTo: <sip:bob@example.com>\r\n" +
            $"Call-ID: ws-reg-{Guid.NewGuid():N}\r\nCSeq: 1 REGISTER\r\nContact: <{contact}>;expires=600\r\nContent-Length: 0\r\n\r\n");
        var registered = (SipResponse)await browser.ReceiveMessageAsync();
        Assert.True(registered.StatusCode == 200, registered.ToString());

        using var alice = new LoopbackUa();
        await alice.Send(_udp, Invite(alice, "sip:bob@example.com"));
        var invite = (SipRequest)await browser.ReceiveMessageAsync();

        Assert.Equal(contact, invite.RequestUri.ToString());
        Assert.Equal("WS", invite.TopVia!.Transport);
        Assert.Equal(
            [$"sip:{_ws};transport=ws;lr", $"sip:{_udp};lr"],
            invite.RecordRoutes.Select(r => r.Uri.ToString().Split(";did=")[0]).ToArray());
        var ok = SipResponse.CreateFor(invite, 200, toTag: "browser");
        ok.Headers.Add("Contact", $"<{contact}>");
        await browser.SendAsync(ok.ToString());
        var answered = (SipResponse)await alice.Receive(m => m is SipResponse { IsFinal: true });
        Assert.Equal(200, answered.StatusCode);

        // The answer's Contact is unreachable as written: the node adds its connection as an alias (as Kamailio's
        // add_contact_alias), and the caller's ACK and BYE to it reach the browser over that connection, without it.
        var target = answered.Contacts.Single().Uri!.ToString();
        Assert.StartsWith(contact + ";alias=127.0.0.1~", target);
        var routes = answered.RecordRoutes.Reverse().Select(r => $"Route: {r}\r\n");
        await alice.Send(_udp, InDialog("ACK", target, answered, routes));
        var ack = (SipRequest)await browser.ReceiveMessageAsync();
        Assert.Equal(("ACK", contact), (ack.Method, ack.RequestUri.ToString()));
        await alice.Send(_udp, InDialog("BYE", target, answered, routes));
        var bye = (SipRequest)await browser.ReceiveMessageAsync();
        Assert.Equal(("BYE", contact), (bye.Method, bye.RequestUri.ToString()));
        await browser.SendAsync(SipResponse.CreateFor(bye, 200).ToString());
        Assert.Equal(200, ((SipResponse)await alice.Receive(m => m is SipResponse { CSeq.Method: "BYE" })).StatusCode);
    }

    [Fact]
    public async Task A_browser_calling_out_over_WebSocket_gets_the_callees_BYE_over_its_connection()
    {
        using var browser = await WsPeer.ConnectAsync(WsPeer.Address("ws", _ws));
        using var bob = new LoopbackUa();
        await bob.Send(_udp, Register(bob, 1, $"sip:bob@{bob.EndPoint}"));
        Assert.Equal(200, ((SipResponse)await bob.Receive(m => m is SipResponse)).StatusCode);
        const string contact = "sip:alice@k3j2h1.invalid;transport=ws";
        await browser.SendAsync(
            "INVITE sip:bob@example.com SIP/2.0\r\n" +
            $"Via: SIP/2.0/WS k3j2h1.invalid;branch=z9hG4bK-{Guid.NewGuid():N}\r\n" +
            "Max-Forwards: 70\r\nFrom: <sip:alice@example.com>;tag=ws-out\r\nTo: <sip:bob@example.com>\r\n" +
            $"Call-ID: ws-out-{Guid.NewGuid():N}\r\nCSeq: 1 INVITE\r\nContact: <{contact}>\r\nContent-Length: 0\r\n\r\n");
        var invite = (SipRequest)await bob.Receive(m => m is SipRequest { Method: "INVITE" });
        var callerTarget = invite.Contacts.Single().Uri!.ToString();
        Assert.StartsWith(contact + ";alias=127.0.0.1~", callerTarget);

        var ok = SipResponse.CreateFor(invite, 200, toTag: "bob");
        ok.Headers.Add("Contact", $"<sip:bob@{bob.EndPoint}>");
        await bob.Send(_udp, ok.ToString());
        Assert.Equal(200, ((SipResponse)await Next(browser, m => m is SipResponse { IsFinal: true })).StatusCode);

        // The callee hangs up: its BYE, addressed to the caller's Contact along the recorded route, reaches the browser.
        var routes = invite.RecordRoutes.Select(r => $"Route: {r}\r\n");
        await bob.Send(_udp,
            $"BYE {callerTarget} SIP/2.0\r\nVia: SIP/2.0/UDP {bob.EndPoint};branch=z9hG4bK-{Guid.NewGuid():N}\r\nMax-Forwards: 70\r\n" +
            $"From: <sip:bob@example.com>;tag=bob\r\nTo: <sip:alice@example.com>;tag=ws-out\r\nCall-ID: {invite.CallId}\r\nCSeq: 1 BYE\r\n" +
            string.Concat(routes) + "Content-Length: 0\r\n\r\n");
        var bye = (SipRequest)await Next(browser, m => m is SipRequest { Method: "BYE" });
        Assert.Equal(contact, bye.RequestUri.ToString());
    }

    private static async Task<SipMessage> Next(WsPeer peer, Func<SipMessage, bool> wanted)
    {
        while (true)
        {
            var message = await peer.ReceiveMessageAsync();
            if (wanted(message)) return message;
        }
    }

    private static string InDialog(string method, string target, SipResponse answer, IEnumerable<string> routes) =>
        $"{method} {target} SIP/2.0\r\n" +
        $"Via: SIP/2.0/UDP {answer.TopVia!.SentBy};branch=z9hG4bK-{Guid.NewGuid():N}\r\n" +
        $"Max-Forwards: 70\r\nFrom: {answer.From}\r\nTo: {answer.To}\r\nCall-ID: {answer.CallId}\r\n" +
        $"CSeq: {(method == "ACK" ? 1 : 2)} {method}\r\n" + string.Concat(routes) + "Content-Length: 0\r\n\r\n";
}
