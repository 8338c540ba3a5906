using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Akka.Actor;
using ClusterSip.CallEvents;
using ClusterSip.EndToEnd.Tests.Support;
using ClusterSip.Node.Management;
using ClusterSip.Node.Sip;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.EndToEnd.Tests;

/// <summary>Two nodes in one cluster: a call through node A whose BYE reaches node B, with A's cookie in the Route naming B.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class DialogClusterTests
{
    private readonly ConcurrentDictionary<(string, long), CallEvent> _events = new();

    [Fact]
    public async Task A_bye_sent_to_another_node_ends_the_call_on_the_node_that_took_the_invite()
    {
        using var callee = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var calleePort = ((IPEndPoint)callee.Client.LocalEndPoint!).Port;
        var destinations = $"cluster-sip.routing.default-destinations=[\"sip:127.0.0.1:{calleePort}\"]";
        await using var a = await ProxyNode.StartAsync(new SipFeature(c => c.System.ActorOf(Props.Create(() => new RecordingSink(_events)))), destinations);
        await using var b = await ProxyNode.StartAsync(new SipFeature(), destinations,
            "cluster-sip.cluster.join=seed-nodes", $"cluster-sip.cluster.seed-nodes=[\"{a.Node.Address}\"]");
        await Eventually.Value(() => a.Node.Api.MembersAsync(), m => m.Members.Count(x => x.Status == "Up") == 2, "both nodes up");

        using var caller = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var local = (IPEndPoint)caller.Client.LocalEndPoint!;
        var sipCallId = SipIds.NewCallId("caller.test");
        await SendAsync(caller, a, Request("INVITE", $"sip:bob@127.0.0.1:{a.Port}", local, sipCallId, 1, toTag: null, route: null));
        await AnswerAsync(callee, await ReceiveRequestAsync(callee, SipMethods.Invite), 200);
        var answer = await ReceiveAsync(caller, r => r.StatusCode == 200);
        var target = answer.Contacts[0].Uri!.ToString();
        await SendAsync(caller, a, Request("ACK", target, local, sipCallId, 1, answer.To!.Tag, route: null));

        await ReceiveRequestAsync(callee, SipMethods.Ack);

        // The call id (A's cookie) is read from the cluster's dialogs, through B.
        var listed = await Eventually.Value(() => b.Node.Api.GetJsonAsync<DialogsResponse>("/dialogs"), d => d.Total == 1, "B listing the call");
        var callId = listed.Dialogs[0].CallId;
        var shown = await b.Node.Api.GetJsonAsync<DialogResponse>($"/dialogs/{callId}");
        Assert.Equal(("Confirmed", a.Node.ShortAddress, sipCallId), (shown.State, shown.Node, shown.SipCallId));

        await SendAsync(caller, b, Request("BYE", target, local, sipCallId, 2, answer.To.Tag, $"<sip:127.0.0.1:{b.Port};lr;did={callId}>"));
        var bye = await ReceiveRequestAsync(callee, SipMethods.Bye);
        Assert.Equal(b.Port, bye.From.Port);
        await AnswerAsync(callee, bye, 200);
        Assert.Equal(200, (await ReceiveAsync(caller, r => r.CSeq!.Method == SipMethods.Bye)).StatusCode);

        var call = await Eventually.Value(() => Task.FromResult(RecordingSink.Calls(_events)), c => c.Count == 1 && c[0].Count == 4, "the call's four events");
        Assert.Equal(["CallInitiated", "CallForked:1", "CallAnswered:1", "CallReleased:Caller:200:bye"], call[0]);
        await Eventually.Value(() => b.Node.Api.StatusOfAsync($"/dialogs/{callId}"), s => s == HttpStatusCode.NotFound, "the dialog gone");
    }

    /// <summary>The callee answers as RFC 3261 18.2.2 says: to the address the request came from (the proxy that sent it).</summary>
    private static Task AnswerAsync(UdpClient callee, (SipRequest Request, IPEndPoint From) received, int code)
    {
        var response = SipResponse.CreateFor(received.Request, code, toTag: "callee1");
        response.Headers.Add("Contact", $"<sip:bob@{callee.Client.LocalEndPoint}>");
        return callee.SendAsync(response.ToBytes(), received.From).AsTask();
    }

    private static async Task<(SipRequest Request, IPEndPoint From)> ReceiveRequestAsync(UdpClient client, string method)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var datagram = await client.ReceiveAsync(timeout.Token);
            if (SipParser.Parse(datagram.Buffer) is SipRequest request && request.Method == method)
            {
                return (request, datagram.RemoteEndPoint);
            }
        }
    }

    private static string Request(string method, string uri, IPEndPoint local, string sipCallId, int cseq, string? toTag, string? route) =>
        $"{method} {uri} SIP/2.0\r\nVia: SIP/2.0/UDP {local};branch=z9hG4bK{Guid.NewGuid():N}\r\nMax-Forwards: 70\r\n" +
        (route is null ? "" : $"Route: {route}\r\n") +
        $"From: <sip:alice@caller.test>;tag=c1\r\nTo: <sip:bob@callee.test>{(toTag is null ? "" : ";tag=" + toTag)}\r\n" +
        $"Call-ID: {sipCallId}\r\nCSeq: {cseq} {method}\r\nContact: <sip:alice@{local}>\r\nContent-Length: 0\r\n\r\n";

    private static Task SendAsync(UdpClient client, ProxyNode node, string message) =>
        client.SendAsync(Encoding.ASCII.GetBytes(message), node.EndPoint).AsTask();

    private static async Task<SipResponse> ReceiveAsync(UdpClient client, Func<SipResponse, bool> wanted)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var datagram = await client.ReceiveAsync(timeout.Token);
            if (SipParser.Parse(datagram.Buffer) is SipResponse response && wanted(response))
            {
                return response;
            }
        }
    }
}
