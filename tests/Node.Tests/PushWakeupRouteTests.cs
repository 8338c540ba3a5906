using System.Net;
using ClusterSip.Node.Registrar;
using ClusterSip.Node.Sip;
using ClusterSip.Node.Tests.Support;
using ClusterSip.Sip.Messages;
using ClusterSip.Tests.Support;
using Xunit;
using static ClusterSip.Node.Tests.Support.SipRequests;

namespace ClusterSip.Node.Tests;

/// <summary>The push wake-up route script (cluster-sip.routing.script = "push-wakeup") over real UDP, with a real HTTP push service.</summary>
[Collection(NodesCollection.Name)]
public sealed class PushWakeupRouteTests : IAsyncLifetime
{
    private readonly IPEndPoint _sip = new(IPAddress.Loopback, FreePorts.Next());
    private readonly PushListener _push = new();
    private InProcessNode _node = null!;

    public async Task InitializeAsync()
    {
        _node = await InProcessNode.StartAsync(features: [new RegistrarFeature(), new SipFeature()], sets:
        [
            $"cluster-sip.sip.listen=[\"udp:{_sip}\"]",
            "cluster-sip.registrar.domains=[\"example.com\"]",
            "cluster-sip.routing.script=push-wakeup",
            $"cluster-sip.push.url=\"{_push.Url}\"",
            "cluster-sip.push.timeout=5s",
            "cluster-sip.push.http-timeout=500ms",
        ]);
        await _node.Api.WaitUntilReadyAsync();
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _push.Dispose();
    }

    [Fact]
    public async Task A_call_to_a_user_with_no_contact_sends_a_push_waits_and_reaches_the_phone_that_registers()
    {
        using var alice = new LoopbackUa();
        await alice.Send(_sip, Invite(alice, "sip:bob@example.com"));
        await alice.Receive(m => m is SipResponse { StatusCode: 100 });

        var push = await _push.Next();
        Assert.Equal("sip:bob@example.com", push.GetProperty("aor").GetString());
        Assert.Equal("sip:alice@example.com", push.GetProperty("from").GetString());

        using var mobile = new LoopbackUa();
        Assert.Equal(200, (await mobile.Request(_sip, Register(mobile, 1, mobile.Uri))).StatusCode);
        var invite = (SipRequest)await mobile.Receive(m => m is SipRequest { Method: SipMethods.Invite });
        Assert.Equal(mobile.Uri, invite.RequestUri.ToString());
        Assert.Equal(push.GetProperty("call-id").GetString(), invite.CallId);

        await mobile.Send(_sip, SipResponse.CreateFor(invite, 200, toTag: "mobile"));
        Assert.Equal(200, ((SipResponse)await alice.Receive(m => m is SipResponse { IsFinal: true })).StatusCode);
    }

    [Fact]
    public async Task Contacts_registered_behind_edge_proxies_ring_along_their_paths_before_and_after_the_push()
    {
        using var deskEdge = new LoopbackUa();
        using var mobileEdge = new LoopbackUa();
        Assert.Equal(200, (await deskEdge.Request(_sip, Register(deskEdge, 1, "sip:bob@192.0.2.87:5090", $"Path: <sip:{deskEdge.EndPoint};lr>"))).StatusCode);

        using var alice = new LoopbackUa();
        await alice.Send(_sip, Invite(alice, "sip:bob@example.com"));
        var toDesk = (SipRequest)await deskEdge.Receive(m => m is SipRequest { Method: SipMethods.Invite });
        Assert.Equal("sip:bob@192.0.2.87:5090", toDesk.RequestUri.ToString());
        Assert.Equal($"sip:{deskEdge.EndPoint};lr", Assert.Single(toDesk.Routes).Uri.ToString());
        await _push.Next();

        var path = $"Path: <sip:{mobileEdge.EndPoint};lr>, \"second, edge\" <sip:edge2.example;lr>";
        Assert.Equal(200, (await mobileEdge.Request(_sip, Register(mobileEdge, 1, "sip:bob@192.0.2.88:5090", path))).StatusCode);
        var toMobile = (SipRequest)await mobileEdge.Receive(m => m is SipRequest { Method: SipMethods.Invite });
        Assert.Equal("sip:bob@192.0.2.88:5090", toMobile.RequestUri.ToString());
        Assert.Equal([$"sip:{mobileEdge.EndPoint};lr", "sip:edge2.example;lr"], toMobile.Routes.Select(r => r.Uri.ToString()));
    }

    [Fact]
    public async Task Desk_and_woken_mobile_ring_together_a_failed_push_is_logged_and_no_answer_before_the_timeout_gets_480()
    {
        _push.Status = HttpStatusCode.ServiceUnavailable;
        using var desk = new LoopbackUa();
        Assert.Equal(200, (await desk.Request(_sip, Register(desk, 1, desk.Uri))).StatusCode);

        using var alice = new LoopbackUa();
        await alice.Send(_sip, Invite(alice, "sip:bob@example.com"));
        var toDesk = (SipRequest)await desk.Receive(m => m is SipRequest { Method: SipMethods.Invite });
        await desk.Send(_sip, SipResponse.CreateFor(toDesk, 180, toTag: "desk"));
        await _push.Next();
        await _node.WaitForLogAsync("answered 503; the call goes on");

        using var mobile = new LoopbackUa();
        Assert.Equal(200, (await mobile.Request(_sip, Register(mobile, 1, mobile.Uri))).StatusCode);
        var toMobile = (SipRequest)await mobile.Receive(m => m is SipRequest { Method: SipMethods.Invite });
        await mobile.Send(_sip, SipResponse.CreateFor(toMobile, 180, toTag: "mobile"));

        var final = (SipResponse)await alice.Receive(m => m is SipResponse { IsFinal: true });
        Assert.Equal(480, final.StatusCode);
        await desk.Receive(m => m is SipRequest { Method: SipMethods.Cancel });
        await mobile.Receive(m => m is SipRequest { Method: SipMethods.Cancel });
    }

    [Fact]
    public async Task A_push_that_times_out_is_logged_and_the_call_still_reaches_the_phone_that_registers()
    {
        _push.Delay = TimeSpan.FromSeconds(2);
        using var alice = new LoopbackUa();
        await alice.Send(_sip, Invite(alice, "sip:bob@example.com"));
        await _push.Next();
        await _node.WaitForLogAsync("failed; the call goes on");

        using var mobile = new LoopbackUa();
        Assert.Equal(200, (await mobile.Request(_sip, Register(mobile, 1, mobile.Uri))).StatusCode);
        var invite = (SipRequest)await mobile.Receive(m => m is SipRequest { Method: SipMethods.Invite });
        await mobile.Send(_sip, SipResponse.CreateFor(invite, 200, toTag: "mobile"));
        Assert.Equal(200, ((SipResponse)await alice.Receive(m => m is SipResponse { IsFinal: true })).StatusCode);
    }
}
