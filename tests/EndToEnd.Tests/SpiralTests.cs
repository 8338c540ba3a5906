using System.Collections.Concurrent;
using System.Net;
using Akka.Actor;
using ClusterSip.CallEvents;
using ClusterSip.EndToEnd.Tests.Support;
using ClusterSip.Node.Management;
using ClusterSip.Node.Sip;
using ClusterSip.Sip.Messages;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.EndToEnd.Tests;

/// <summary>
/// An INVITE that the route script relays back to the node once (user "spiral" becomes "spiralled" at the node's own
/// address), then to the callee (<see cref="TestScript"/>): Kamailio's detect_spirals. The call is one dialog with
/// one event sequence; both passes record-route, and the parties' in-dialog requests, which follow both Record-Route
/// entries, reach each other.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class SpiralTests
{
    private const string CallerTag = "c1";
    private const string CalleeTag = "b1";

    private readonly ConcurrentDictionary<(string, long), CallEvent> _events = new();

    [Theory]
    [InlineData(PartyRole.Caller)]
    [InlineData(PartyRole.Callee)]
    public async Task A_spiralled_invite_is_one_call_whose_requests_reach_both_parties(PartyRole hangsUp)
    {
        using var caller = new LoopbackUa();
        using var callee = new LoopbackUa();
        await using var node = await StartNode(callee);
        var sipCallId = SipIds.NewCallId("caller.test");

        await caller.Send(node.EndPoint, Invite(caller, node, sipCallId));
        var invite = (SipRequest)await callee.Receive(m => m is SipRequest { Method: SipMethods.Invite });
        var callId = (await Eventually.Value(() => Task.FromResult(_events.Values.ToList()), e => e.Count >= 1, "the call initiated"))[0].CallId;
        Assert.Equal([$"did={callId}", $"did={callId}"], invite.RecordRoutes.Select(r => ((Sip.Uris.SipUri)r.Uri).Parameters[DialogCookie] is { } did ? $"did={did}" : "none"));
        Assert.Equal(3, invite.Vias.Count); // the caller's, then one per pass

        await callee.Send(node.EndPoint, callee.Answer(invite, 180, CalleeTag));
        await caller.ReceiveResponse(r => r.StatusCode == 180);
        await callee.Send(node.EndPoint, callee.Answer(invite, 200, CalleeTag));
        var ok = await caller.ReceiveResponse(r => r.StatusCode == 200);
        Assert.Equal(2, ok.RecordRoutes.Count);
        var callerRoutes = ok.RecordRoutes.Reverse().Select(r => r.ToString()).ToList(); // RFC 3261 12.1.2
        var calleeRoutes = invite.RecordRoutes.Select(r => r.ToString()).ToList(); // 12.1.1

        await caller.Send(node.EndPoint, InDialog("ACK", caller, sipCallId, 1, $"sip:bob@{callee.EndPoint}", callerRoutes, fromCaller: true));
        Assert.Equal(CalleeTag, (await callee.ReceiveRequest(SipMethods.Ack)).To!.Tag);

        var listed = await Eventually.Value(() => node.Node.Api.GetJsonAsync<DialogsResponse>("/dialogs"), d => d.Dialogs.Count == 1 && d.Dialogs[0].State == "Confirmed", "the call answered");
        Assert.Equal((1, callId), (listed.Total, listed.Dialogs[0].CallId));
        Assert.Equal(1, (await node.Node.Api.GetJsonAsync<StatisticsResponse>("/statistics/dialog")).Statistics["processed_dialogs"]);

        if (hangsUp == PartyRole.Caller)
        {
            await caller.Send(node.EndPoint, InDialog("BYE", caller, sipCallId, 2, $"sip:bob@{callee.EndPoint}", callerRoutes, fromCaller: true));
            var bye = await callee.ReceiveRequest(SipMethods.Bye);
            Assert.Equal((CallerTag, CalleeTag, $"sip:bob@{callee.EndPoint}"), (bye.From!.Tag, bye.To!.Tag, bye.RequestUri.ToString()));
            await callee.Send(node.EndPoint, SipResponse.CreateFor(bye, 200));
            Assert.Equal(200, (await caller.ReceiveResponse(r => r.CSeq!.Method == SipMethods.Bye)).StatusCode);
        }
        else
        {
            await callee.Send(node.EndPoint, InDialog("BYE", callee, sipCallId, 1, $"sip:alice@{caller.EndPoint}", calleeRoutes, fromCaller: false));
            var bye = await caller.ReceiveRequest(SipMethods.Bye);
            Assert.Equal((CalleeTag, CallerTag, $"sip:alice@{caller.EndPoint}"), (bye.From!.Tag, bye.To!.Tag, bye.RequestUri.ToString()));
            await caller.Send(node.EndPoint, SipResponse.CreateFor(bye, 200));
            Assert.Equal(200, (await callee.ReceiveResponse(r => r.CSeq!.Method == SipMethods.Bye)).StatusCode);
        }

        var calls = await Eventually.Value(() => Task.FromResult(RecordingSink.Calls(_events)), c => c.Count == 1 && c[0].Count == 5, "the call's five events");
        Assert.Equal(["CallInitiated", "CallForked:1", "CallRinging:1:180", "CallAnswered:1", $"CallReleased:{hangsUp}:200:bye"], calls[0]);
        await Eventually.Value(() => node.Node.Api.StatusOfAsync($"/dialogs/{callId}"), s => s == HttpStatusCode.NotFound, "the call gone");
        Assert.True(await callee.Silent(m => m is SipRequest, TimeSpan.FromMilliseconds(300)), "nothing more reached the callee");
        Assert.Single(RecordingSink.Calls(_events));
    }

    [Fact]
    public async Task With_detect_spirals_off_each_pass_is_a_call_of_its_own()
    {
        using var caller = new LoopbackUa();
        using var callee = new LoopbackUa();
        await using var node = await StartNode(callee, "cluster-sip.dialogs.detect-spirals=off");
        var sipCallId = SipIds.NewCallId("caller.test");

        await caller.Send(node.EndPoint, Invite(caller, node, sipCallId));
        var invite = (SipRequest)await callee.Receive(m => m is SipRequest { Method: SipMethods.Invite });

        var initiated = await Eventually.Value(() => Task.FromResult(_events.Values.OfType<CallInitiated>().ToList()), e => e.Count == 2, "a call per pass");
        Assert.All(initiated, e => Assert.Equal(sipCallId, e.SipCallId));
        Assert.Equal(initiated.Select(e => $"did={e.CallId}").OrderDescending(),
            invite.RecordRoutes.Select(r => $"did={((Sip.Uris.SipUri)r.Uri).Parameters[DialogCookie]}").OrderDescending());
        await callee.Send(node.EndPoint, callee.Answer(invite, 486, CalleeTag));
        await caller.ReceiveResponse(r => r.StatusCode == 486);
    }

    private const string DialogCookie = "did";

    private Task<ProxyNode> StartNode(LoopbackUa callee, params string[] sets) => ProxyNode.StartAsync(
        new SipFeature(context => context.System.ActorOf(Props.Create(() => new RecordingSink(_events)))),
        [
            $"cluster-sip.routing.script={typeof(TestScript).AssemblyQualifiedName}",
            $"cluster-sip.routing.routes=[{{ domain = \"spiral.test\", destinations = [\"sip:{callee.EndPoint}\"] }}]",
            .. sets,
        ]);

    private static string Invite(LoopbackUa caller, ProxyNode node, string sipCallId) =>
        $"INVITE sip:spiral@{node.Target} SIP/2.0\r\nVia: SIP/2.0/UDP {caller.EndPoint};branch=z9hG4bK{Guid.NewGuid():N}\r\nMax-Forwards: 70\r\n" +
        $"From: <sip:alice@caller.test>;tag={CallerTag}\r\nTo: <sip:spiral@spiral.test>\r\n" +
        $"Call-ID: {sipCallId}\r\nCSeq: 1 INVITE\r\nContact: <sip:alice@{caller.EndPoint}>\r\nContent-Length: 0\r\n\r\n";

    /// <summary>An in-dialog request as a user agent that honours Record-Route sends it: to the remote target along the route set.</summary>
    private static string InDialog(string method, LoopbackUa sender, string sipCallId, int cseq, string target, IReadOnlyList<string> routes, bool fromCaller)
    {
        var (caller, callee) = ($"<sip:alice@caller.test>;tag={CallerTag}", $"<sip:spiral@spiral.test>;tag={CalleeTag}");
        return $"{method} {target} SIP/2.0\r\nVia: SIP/2.0/UDP {sender.EndPoint};branch=z9hG4bK{Guid.NewGuid():N}\r\nMax-Forwards: 70\r\n" +
               string.Concat(routes.Select(r => $"Route: {r}\r\n")) +
               $"From: {(fromCaller ? caller : callee)}\r\nTo: {(fromCaller ? callee : caller)}\r\n" +
               $"Call-ID: {sipCallId}\r\nCSeq: {cseq} {method}\r\nContact: <sip:{(fromCaller ? "alice" : "bob")}@{sender.EndPoint}>\r\nContent-Length: 0\r\n\r\n";
    }
}
