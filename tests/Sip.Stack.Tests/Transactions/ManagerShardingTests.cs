using Akka.Actor;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;
using ClusterSip.Sip.Stack.Tests.Support;
using ClusterSip.Sip.Stack.Transactions;
using ClusterSip.Tests.Support;
using Xunit;
using Xunit.Abstractions;
using static ClusterSip.Sip.Stack.Tests.Support.SipTestMessages;

namespace ClusterSip.Sip.Stack.Tests.Transactions;

/// <summary>Several transaction managers (<see cref="TmSettings.Managers"/>) share the new requests by transaction id.</summary>
public sealed class ManagerShardingTests(ITestOutputHelper output) : TmTestKit(output)
{
    private const int Managers = 4;

    private TransactionLayer StartSharded() => StartLayer(Relay, NodeConfDefaults.Tm with { Managers = Managers });

    [Fact]
    public async Task Every_manager_is_started()
    {
        var layer = StartSharded();
        var parent = layer.Manager.Path.Parent;
        for (var i = 1; i < Managers; i++)
        {
            await Sys.ActorSelection(parent / (layer.Manager.Path.Name + "-" + i)).ResolveOne(TimeSpan.FromSeconds(3));
        }

        await Assert.ThrowsAsync<ActorNotFoundException>(() =>
            Sys.ActorSelection(parent / (layer.Manager.Path.Name + "-" + Managers)).ResolveOne(TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public void Each_cancel_finds_its_invite_whichever_manager_created_it()
    {
        var layer = StartSharded();
        for (var i = 0; i < 16; i++)
        {
            var branch = "z9hG4bKshard" + i;
            var callId = "shard-call-" + i;
            layer.OnMessage(From(Request("INVITE", branch: branch, callId: callId), Caller));
            var sent = ExpectSent(2);
            FindResponse(sent, 100);
            var invite = Find(sent, "INVITE", CalleeA);
            layer.OnMessage(From(ResponseTo(invite, 180), CalleeA));
            ExpectResponse(180);

            layer.OnMessage(From(Request("CANCEL", branch: branch, callId: callId), Caller));
            sent = ExpectSent(2);
            Assert.Equal(callId, FindResponse(sent, 200).CallId);
            Assert.Equal(callId, Find(sent, "CANCEL", CalleeA).CallId);
        }
    }

    [Fact]
    public void Copies_of_a_new_request_arriving_at_once_make_one_transaction()
    {
        var layer = StartSharded();
        var invite = Request("INVITE", branch: "z9hG4bKcopies", callId: "copies");
        Parallel.For(0, 8, _ => layer.OnMessage(From(SipParser.Parse(invite.ToBytes()), Caller)));

        AwaitCounts(layer, server: 1, client: 1);
        var relayed = Wire.ReceiveWhile(Ms(300), m => m as TransportSent)
            .Count(s => s?.Message is SipRequest { Method: SipMethods.Invite });
        Assert.Equal(1, relayed);
    }
}
