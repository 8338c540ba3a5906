using System.Diagnostics.Metrics;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Statistics;
using ClusterSip.Sip.Stack.Tests.Support;
using ClusterSip.Sip.Stack.Transactions;
using Xunit;
using Xunit.Abstractions;
using static ClusterSip.Sip.Stack.Tests.Support.SipTestMessages;

namespace ClusterSip.Sip.Stack.Tests.Transactions;

public sealed class StatisticsTests(ITestOutputHelper output) : TmTestKit(output)
{
    [Fact]
    public void A_relayed_call_and_a_local_reply_are_counted()
    {
        var layer = StartLayer(new DelegateRouteScript(c =>
        {
            if (c.Request.Method == "INVITE")
            {
                c.TRelay();
            }
            else
            {
                c.TReply(404, "Not Found");
            }
        }));
        layer.OnMessage(From(Request("INVITE"), Caller));
        ExpectResponse(100);
        var a = ExpectRequest("INVITE", CalleeA);
        layer.OnMessage(From(ResponseTo(a, 180), CalleeA));
        ExpectResponse(180);
        layer.OnMessage(From(ResponseTo(a, 200), CalleeA));
        ExpectResponse(200);
        layer.OnMessage(From(Request("OPTIONS", branch: "z9hG4bKo", callId: "c2"), Caller));
        ExpectResponse(404);

        AwaitAssert(() => Assert.Equal(
            new TmStatisticsSnapshot(
                ReceivedReplies: 2,
                RelayedReplies: 2,
                LocalReplies: 2,
                UasTransactions: 2,
                UacTransactions: 0,
                Transactions2xx: 1,
                Transactions3xx: 0,
                Transactions4xx: 1,
                Transactions5xx: 0,
                Transactions6xx: 0,
                InUseTransactions: 2,
                OverloadReplies: 0),
            Statistics.Snapshot()));

        Statistics.Reset();
        Assert.Equal(new TmStatisticsSnapshot(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0), Statistics.Snapshot()); // inuse is not reset
    }

    [Fact]
    public void A_local_uac_transaction_reports_to_its_owner_and_is_counted()
    {
        var layer = StartLayer(new DelegateRouteScript(_ => { }));
        var request = Request("NOTIFY", branch: SipIds.NewBranch(), via: "SIP/2.0/UDP 10.0.0.100:5060");
        layer.Manager.Tell(new StartUacTransaction(request, CalleeA, Tag: 7), TestActor);
        var sent = ExpectRequest("NOTIFY", CalleeA);
        AwaitCounts(layer, 0, 1);
        layer.OnMessage(From(ResponseTo(sent, 100), CalleeA)); // not passed: pass_provisional_replies = 0
        layer.OnMessage(From(ResponseTo(sent, 200), CalleeA));
        var response = ExpectMsg<ClientResponse>();
        Assert.Equal((7, 200), (response.BranchIndex, response.Response.StatusCode));
        var snapshot = Statistics.Snapshot();
        Assert.Equal((1L, 1L), (snapshot.UacTransactions, snapshot.Transactions2xx));
        Advance(TimeSpan.FromSeconds(5)); // Timer K
        AwaitAllEnded(layer);
        AwaitAssert(() => Assert.Equal(0, Statistics.Snapshot().InUseTransactions));
    }

    [Fact]
    public void Instruments_are_published_on_the_meter()
    {
        var names = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == TmStatistics.MeterName)
            {
                names.Add(instrument.Name);
            }
        };
        listener.Start();
        using var statistics = new TmStatistics();
        Assert.Superset(
            new HashSet<string>
            {
                "received_replies", "relayed_replies", "local_replies", "UAS_transactions", "UAC_transactions",
                "2xx_transactions", "3xx_transactions", "4xx_transactions", "5xx_transactions", "6xx_transactions", "inuse_transactions", "overload_replies",
            },
            names.ToHashSet());
    }
}
