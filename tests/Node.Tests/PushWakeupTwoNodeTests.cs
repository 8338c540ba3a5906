using System.Net;
using ClusterSip.Node.Registrar;
using ClusterSip.Node.Sip;
using ClusterSip.Node.Tests.Support;
using ClusterSip.Sip.Messages;
using ClusterSip.Tests.Support;
using Xunit;
using static ClusterSip.Node.Tests.Support.SipRequests;

namespace ClusterSip.Node.Tests;

/// <summary>Push wake-up across two nodes: the INVITE parks on node A, the callee registers on node B, A forks to it.</summary>
[Collection(NodesCollection.Name)]
public sealed class PushWakeupTwoNodeTests
{
    [Fact]
    public async Task A_register_on_node_B_wakes_the_invite_parked_on_node_A()
    {
        using var push = new PushListener();
        var sipA = new IPEndPoint(IPAddress.Loopback, FreePorts.Next());
        var sipB = new IPEndPoint(IPAddress.Loopback, FreePorts.Next());
        await using var a = await Start(sipA, push, []);
        await using var b = await Start(sipB, push, ["cluster-sip.cluster.join=seed-nodes", $"cluster-sip.cluster.seed-nodes=[\"{a.Address}\"]"]);
        using var alice = new LoopbackUa();
        await alice.Send(sipA, Invite(alice, "sip:bob@example.com"));
        await alice.Receive(m => m is SipResponse { StatusCode: 100 });
        await push.Next();

        using var mobile = new LoopbackUa();
        // B hears of A's subscription to REGISTER by gossip, about a second after joining: until then a REGISTER on B
        // reaches no one on A, so the phone refreshes its registration, as it would after a lost one.
        var cseq = 0;
        var invite = await Eventually.Value(
            async () =>
            {
                Assert.Equal(200, (await mobile.Request(sipB, Register(mobile, ++cseq, mobile.Uri))).StatusCode);
                try
                {
                    return (SipRequest)await mobile.Receive(m => m is SipRequest { Method: SipMethods.Invite }, TimeSpan.FromSeconds(1));
                }
                catch (OperationCanceledException)
                {
                    return null;
                }
            },
            forked => forked is not null,
            "the INVITE parked on A forked to the contact registered on B",
            TimeSpan.FromSeconds(15));
        Assert.Equal(mobile.Uri, invite!.RequestUri.ToString());
        await mobile.Send(sipA, SipResponse.CreateFor(invite, 200, toTag: "mobile"));
        Assert.Equal(200, ((SipResponse)await alice.Receive(m => m is SipResponse { IsFinal: true })).StatusCode);
    }

    private static async Task<InProcessNode> Start(IPEndPoint sip, PushListener push, string[] sets)
    {
        var node = await InProcessNode.StartAsync(features: [new RegistrarFeature(), new SipFeature()], sets:
        [
            $"cluster-sip.sip.listen=[\"udp:{sip}\"]",
            "cluster-sip.registrar.domains=[\"example.com\"]",
            "cluster-sip.routing.script=push-wakeup",
            $"cluster-sip.push.url=\"{push.Url}\"",
            "cluster-sip.push.timeout=20s",
            .. sets,
        ]);
        await node.Api.WaitUntilReadyAsync();
        return node;
    }
}
