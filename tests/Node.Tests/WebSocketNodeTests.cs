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
        await browser.SendAsync(SipResponse.CreateFor(invite, 200, toTag: "browser").ToString());
        var answered = (SipResponse)await alice.Receive(m => m is SipResponse { IsFinal: true });
        Assert.Equal(200, answered.StatusCode);
    }
}
