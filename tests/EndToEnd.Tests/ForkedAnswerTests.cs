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
/// A forked INVITE that both callees answer (RFC 3261 16.7 step 5: the node relays every 2xx), with a caller that
/// ignores Record-Route as SIPp's built-in uac does: it sends its ACKs and BYEs to the node's address without Route,
/// and the node relays each to the callee of its dialog. The caller acknowledges both answers and ends the second
/// dialog at once (13.2.2.4); the call goes on in the first until that one is hung up. Loopback user agents play the
/// three parties so that both callees answer, in a known order, before the node's CANCEL could stop the second.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ForkedAnswerTests
{
    private const string CallerTag = "c1";

    private readonly ConcurrentDictionary<(string, long), CallEvent> _events = new();

    [Theory]
    [InlineData(PartyRole.Caller)]
    [InlineData(PartyRole.Callee)]
    public async Task Both_callees_answer_the_caller_ends_the_second_dialog_and_the_call_ends_with_the_first(PartyRole hangsUp)
    {
        using var caller = new LoopbackUa();
        using var first = new LoopbackUa();
        using var second = new LoopbackUa();
        await using var node = await StartNode(first, second);
        var sipCallId = SipIds.NewCallId("caller.test");

        var (toFirst, toSecond) = await Fork(caller, node, sipCallId, first, second);

        await AnswerAndAck(caller, node, sipCallId, first, toFirst, "b1");
        await AnswerAndAck(caller, node, sipCallId, second, toSecond, "b2");
        Assert.Equal("b1", (await ReceiveRequest(first, node, SipMethods.Ack)).To!.Tag);
        Assert.Equal("b2", (await ReceiveRequest(second, node, SipMethods.Ack)).To!.Tag);

        var callId = (await Eventually.Value(() => Task.FromResult(_events.Values.ToList()), e => e.Count >= 1, "the call initiated"))[0].CallId;
        var shown = await Eventually.Value(() => node.Node.Api.GetJsonAsync<DialogResponse>($"/dialogs/{callId}"), d => d.Dialogs?.Count == 2, "both answers tracked");
        Assert.Equal([(1, "b1", "Confirmed"), (2, "b2", "Confirmed")], shown.Dialogs!.Select(d => (d.Branch, d.CalleeTag, d.State)));
        Assert.Equal((2, 2), await Statistics(node));

        // RFC 3261 13.2.2.4: the caller does not want the second dialog and ends it; the call stays answered.
        await caller.Send(node.EndPoint, CallerRequest(caller, "BYE", node, sipCallId, 2, "b2"));
        var secondBye = await ReceiveRequest(second, node, SipMethods.Bye);
        Assert.Equal((CallerTag, "b2", $"sip:bob@{second.EndPoint}"), (secondBye.From!.Tag, secondBye.To!.Tag, secondBye.RequestUri.ToString()));
        await second.Send(node.EndPoint, second.Answer(secondBye, 200, null));
        Assert.Equal(200, (await caller.ReceiveResponse(r => r.CSeq!.Method == SipMethods.Bye)).StatusCode);
        var afterBye = await Eventually.Value(() => node.Node.Api.GetJsonAsync<DialogResponse>($"/dialogs/{callId}"),
            d => d.Dialogs?.Count == 2 && d.Dialogs[1].State == "Terminated", "the second dialog ended");
        Assert.Equal(("Confirmed", "Confirmed"), (afterBye.State, afterBye.Dialogs![0].State));
        Assert.Equal((1, 2), await Statistics(node));

        if (hangsUp == PartyRole.Caller)
        {
            await caller.Send(node.EndPoint, CallerRequest(caller, "BYE", node, sipCallId, 3, "b1"));
            var firstBye = await ReceiveRequest(first, node, SipMethods.Bye);
            Assert.Equal((CallerTag, "b1", $"sip:bob@{first.EndPoint}"), (firstBye.From!.Tag, firstBye.To!.Tag, firstBye.RequestUri.ToString()));
            await first.Send(node.EndPoint, first.Answer(firstBye, 200, null));
            Assert.Equal(200, (await caller.ReceiveResponse(r => r is { CSeq.Number: 3 })).StatusCode);
        }
        else
        {
            await first.Send(node.EndPoint, CalleeBye(first, toFirst, caller, "b1"));
            var byeToCaller = (SipRequest)await caller.Receive(m => m is SipRequest { Method: SipMethods.Bye });
            Assert.Equal(("b1", CallerTag, $"sip:alice@{caller.EndPoint}"), (byeToCaller.From!.Tag, byeToCaller.To!.Tag, byeToCaller.RequestUri.ToString()));
            await caller.Send(node.EndPoint, SipResponse.CreateFor(byeToCaller, 200));
            Assert.Equal(200, ((SipResponse)await first.Receive(m => m is SipResponse { CSeq.Method: SipMethods.Bye })).StatusCode);
        }

        var call = await Eventually.Value(() => Task.FromResult(RecordingSink.Calls(_events)), c => c.Count == 1 && c[0].Count == 5, "the call's five events");
        Assert.Equal(["CallInitiated", "CallForked:1", "CallForked:2", "CallAnswered:1", $"CallReleased:{hangsUp}:200:bye"], call[0]);
        Assert.Equal([1L, 2, 3, 4, 5], _events.Values.Select(e => e.Sequence).Order());
        await Eventually.Value(() => node.Node.Api.StatusOfAsync($"/dialogs/{callId}"), s => s == HttpStatusCode.NotFound, "the call gone");
        Assert.Equal((0, 2), await Statistics(node));
    }

    /// <summary>
    /// The second callee answers after the caller hung up the first (its 200 crossed the node's CANCEL): the node relays
    /// the 2xx (16.7 step 5) and the caller's ACK and BYE along its route set, but the call was released and stays so.
    /// </summary>
    [Fact]
    public async Task A_2xx_after_the_call_was_released_is_relayed_with_its_ack_and_bye_but_changes_no_event()
    {
        using var caller = new LoopbackUa();
        using var first = new LoopbackUa();
        using var second = new LoopbackUa();
        await using var node = await StartNode(first, second);
        var sipCallId = SipIds.NewCallId("caller.test");

        var (toFirst, toSecond) = await Fork(caller, node, sipCallId, first, second);
        await AnswerAndAck(caller, node, sipCallId, first, toFirst, "b1");
        await ReceiveRequest(first, node, SipMethods.Ack);
        await caller.Send(node.EndPoint, CallerRequest(caller, "BYE", node, sipCallId, 2, "b1"));
        await first.Send(node.EndPoint, first.Answer(await ReceiveRequest(first, node, SipMethods.Bye), 200, null));
        await caller.ReceiveResponse(r => r is { CSeq.Number: 2 });
        var released = await Eventually.Value(() => Task.FromResult(RecordingSink.Calls(_events)), c => c.Count == 1 && c[0].Count == 5, "the call released");
        var callId = _events.Values.First().CallId;
        await Eventually.Value(() => node.Node.Api.StatusOfAsync($"/dialogs/{callId}"), s => s == HttpStatusCode.NotFound, "the call gone");

        await second.Send(node.EndPoint, second.Answer(toSecond, 200, "b2"));
        var late = await caller.ReceiveResponse(r => r is { StatusCode: 200, To.Tag: "b2" });
        var target = late.Contacts[0].Uri!.ToString();
        var routes = late.RecordRoutes.Reverse().Select(r => r.ToString()).ToList(); // RFC 3261 12.1.2
        await caller.Send(node.EndPoint, RoutedRequest(caller, "ACK", target, routes, sipCallId, 1, "b2"));
        Assert.Equal("b2", (await ReceiveRequest(second, node, SipMethods.Ack)).To!.Tag);
        await caller.Send(node.EndPoint, RoutedRequest(caller, "BYE", target, routes, sipCallId, 3, "b2"));
        var bye = await ReceiveRequest(second, node, SipMethods.Bye);
        Assert.Equal((CallerTag, "b2", $"sip:bob@{second.EndPoint}"), (bye.From!.Tag, bye.To!.Tag, bye.RequestUri.ToString()));
        await second.Send(node.EndPoint, second.Answer(bye, 200, null));
        Assert.Equal(200, (await caller.ReceiveResponse(r => r is { CSeq.Number: 3 })).StatusCode);

        Assert.Equal(["CallInitiated", "CallForked:1", "CallForked:2", "CallAnswered:1", "CallReleased:Caller:200:bye"], released[0]);
        Assert.Equal(released, RecordingSink.Calls(_events));
        Assert.Equal((0, 1), await Statistics(node));
    }

    /// <summary>A node whose script forks every call to fork.test to both callees, its call events recorded.</summary>
    private Task<ProxyNode> StartNode(LoopbackUa first, LoopbackUa second) => ProxyNode.StartAsync(
        new SipFeature(context => context.System.ActorOf(Props.Create(() => new RecordingSink(_events)))),
        $"cluster-sip.routing.script={typeof(TestScript).AssemblyQualifiedName}",
        $"cluster-sip.routing.routes=[{{ domain = \"fork.test\", destinations = [\"sip:{first.EndPoint}\", \"sip:{second.EndPoint}\"] }}]");

    /// <summary>The caller's INVITE, as each callee receives it.</summary>
    private static async Task<(SipRequest First, SipRequest Second)> Fork(LoopbackUa caller, ProxyNode node, string sipCallId, LoopbackUa first, LoopbackUa second)
    {
        await caller.Send(node.EndPoint, CallerRequest(caller, "INVITE", node, sipCallId, 1, toTag: null));
        return (await ReceiveRequest(first, node, SipMethods.Invite), await ReceiveRequest(second, node, SipMethods.Invite));
    }

    /// <summary>The callee answers with <paramref name="calleeTag"/>; the caller receives the 2xx and acknowledges it.</summary>
    private static async Task AnswerAndAck(LoopbackUa caller, ProxyNode node, string sipCallId, LoopbackUa callee, SipRequest invite, string calleeTag)
    {
        await callee.Send(node.EndPoint, callee.Answer(invite, 200, calleeTag));
        await caller.ReceiveResponse(r => r.StatusCode == 200 && r.To?.Tag == calleeTag);
        await caller.Send(node.EndPoint, CallerRequest(caller, "ACK", node, sipCallId, 1, calleeTag));
    }

    private static async Task<(long Active, long Processed)> Statistics(ProxyNode node)
    {
        var statistics = (await node.Node.Api.GetJsonAsync<StatisticsResponse>("/statistics/dialog")).Statistics;
        return (statistics["active_dialogs"], statistics["processed_dialogs"]);
    }

    /// <summary>
    /// A request of the caller, addressed as SIPp's built-in uac addresses all of them: to the node (Request-URI
    /// sip:fork@node) without Route; only the node's dialogs can tell where an ACK or BYE goes.
    /// </summary>
    private static string CallerRequest(LoopbackUa caller, string method, ProxyNode node, string sipCallId, int cseq, string? toTag) =>
        $"{method} sip:fork@{node.Target} SIP/2.0\r\nVia: SIP/2.0/UDP {caller.EndPoint};branch=z9hG4bK{Guid.NewGuid():N}\r\nMax-Forwards: 70\r\n" +
        $"From: <sip:alice@caller.test>;tag={CallerTag}\r\nTo: <sip:fork@fork.test>{(toTag is null ? "" : ";tag=" + toTag)}\r\n" +
        $"Call-ID: {sipCallId}\r\nCSeq: {cseq} {method}\r\nContact: <sip:alice@{caller.EndPoint}>\r\nContent-Length: 0\r\n\r\n";

    /// <summary>A request of a caller that honours Record-Route: to the callee's Contact along the route set.</summary>
    private static string RoutedRequest(LoopbackUa caller, string method, string target, IReadOnlyList<string> routes, string sipCallId, int cseq, string toTag) =>
        $"{method} {target} SIP/2.0\r\nVia: SIP/2.0/UDP {caller.EndPoint};branch=z9hG4bK{Guid.NewGuid():N}\r\nMax-Forwards: 70\r\n" +
        string.Concat(routes.Select(r => $"Route: {r}\r\n")) +
        $"From: <sip:alice@caller.test>;tag={CallerTag}\r\nTo: <sip:fork@fork.test>;tag={toTag}\r\n" +
        $"Call-ID: {sipCallId}\r\nCSeq: {cseq} {method}\r\nContact: <sip:alice@{caller.EndPoint}>\r\nContent-Length: 0\r\n\r\n";

    /// <summary>The callee's BYE, to the caller's Contact through the node (it ignores Record-Route too).</summary>
    private static string CalleeBye(LoopbackUa callee, SipRequest invite, LoopbackUa caller, string calleeTag) =>
        $"BYE sip:alice@{caller.EndPoint} SIP/2.0\r\nVia: SIP/2.0/UDP {callee.EndPoint};branch=z9hG4bK{Guid.NewGuid():N}\r\nMax-Forwards: 70\r\n" +
        $"From: <sip:fork@fork.test>;tag={calleeTag}\r\nTo: <sip:alice@caller.test>;tag={CallerTag}\r\n" +
        $"Call-ID: {invite.CallId}\r\nCSeq: 1 BYE\r\nContact: <sip:bob@{callee.EndPoint}>\r\nContent-Length: 0\r\n\r\n";

    /// <summary>The next <paramref name="method"/> request; a CANCEL the node sends meanwhile (the other callee answered first) is answered 200, as by a callee that answered already (RFC 3261 9.2).</summary>
    private static async Task<SipRequest> ReceiveRequest(LoopbackUa callee, ProxyNode node, string method)
    {
        while (true)
        {
            var request = (SipRequest)await callee.Receive(m => m is SipRequest);
            if (request.Method == method)
            {
                return request;
            }

            if (request.Method == SipMethods.Cancel)
            {
                await callee.Send(node.EndPoint, SipResponse.CreateFor(request, 200));
            }
        }
    }
}
