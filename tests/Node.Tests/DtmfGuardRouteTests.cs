using System.Net;
using ClusterSip.Node.Sip;
using ClusterSip.Node.Tests.Support;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Tests.Support;
using Xunit;
using static ClusterSip.Node.Tests.Support.SipRequests;

namespace ClusterSip.Node.Tests;

/// <summary>The DTMF-driven route script (cluster-sip.routing.script = "dtmf-guard") over real UDP: the expected digit passes, another hangs up.</summary>
[Collection(NodesCollection.Name)]
public sealed class DtmfGuardRouteTests : IAsyncLifetime
{
    private readonly IPEndPoint _sip = new(IPAddress.Loopback, FreePorts.Next());
    private readonly LoopbackUa _callee = new();
    private InProcessNode _node = null!;

    public async Task InitializeAsync()
    {
        _node = await InProcessNode.StartAsync(features: [new SipFeature()], sets:
        [
            $"cluster-sip.sip.listen=[\"udp:{_sip}\"]",
            $"cluster-sip.routing.default-destinations=[\"sip:{_callee.EndPoint}\"]",
            "cluster-sip.routing.script=dtmf-guard",
            "cluster-sip.dtmf-guard.digit=\"2\"",
        ]);
        await _node.Api.WaitUntilReadyAsync();
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _callee.Dispose();
    }

    [Fact]
    public async Task The_expected_digit_passes_and_another_one_hangs_the_call_up_on_both_sides()
    {
        using var alice = new LoopbackUa();
        await alice.Send(_sip, Invite(alice, "sip:bob@example.com"));
        var invite = (SipRequest)await _callee.Receive(m => m is SipRequest { Method: SipMethods.Invite });
        await _callee.Send(_sip, _callee.Answer(invite, 200, "callee", user: "ua"));
        var answered = (SipResponse)await alice.Receive(m => m is SipResponse { StatusCode: 200 });
        var route = answered.Headers.Get(HeaderNames.RecordRoute)!;
        await alice.Send(_sip, InDialog(alice, invite.CallId!, route, 1, SipMethods.Ack));

        await alice.Send(_sip, InDialog(alice, invite.CallId!, route, 2, SipMethods.Info, "Signal=2\r\nDuration=160\r\n"));
        await Relayed(SipMethods.Info);
        await alice.Receive(m => m is SipResponse { StatusCode: 200, CSeq.Method: SipMethods.Info });
        Assert.True(await alice.Silent(m => m is SipRequest { Method: SipMethods.Bye }, TimeSpan.FromSeconds(1)));

        await alice.Send(_sip, InDialog(alice, invite.CallId!, route, 3, SipMethods.Info, "Signal=5\r\nDuration=160\r\n"));
        await Relayed(SipMethods.Info);
        var byeToAlice = (SipRequest)await alice.Receive(m => m is SipRequest { Method: SipMethods.Bye });
        Assert.Equal(invite.CallId, byeToAlice.CallId);
        await _callee.Receive(m => m is SipRequest { Method: SipMethods.Bye });
    }

    /// <summary>The callee receives the request and answers it 200.</summary>
    private async Task Relayed(string method)
    {
        var request = (SipRequest)await _callee.Receive(m => m is SipRequest r && r.Method == method);
        await _callee.Send(_sip, SipResponse.CreateFor(request, 200));
    }

    private string InDialog(LoopbackUa ua, string callId, string route, int cseq, string method, string? dtmf = null) =>
        $"{method} {_callee.Uri} SIP/2.0\r\n" +
        $"Via: SIP/2.0/UDP {ua.EndPoint};branch=z9hG4bK-{Guid.NewGuid():N}\r\n" +
        $"Route: {route}\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: <sip:alice@example.com>;tag=call\r\n" +
        "To: <sip:bob@example.com>;tag=callee\r\n" +
        $"Call-ID: {callId}\r\n" +
        $"CSeq: {cseq} {method}\r\n" +
        $"Contact: <sip:alice@{ua.EndPoint}>\r\n" +
        (dtmf is null ? "Content-Length: 0\r\n\r\n" : $"Content-Type: application/dtmf-relay\r\nContent-Length: {dtmf.Length}\r\n\r\n{dtmf}");
}
