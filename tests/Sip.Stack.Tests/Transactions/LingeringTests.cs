using ClusterSip.Tests.Support;
using ClusterSip.Sip.Stack.Tests.Support;
using ClusterSip.Sip.Stack.Transactions;
using Xunit;
using Xunit.Abstractions;
using static ClusterSip.Sip.Stack.Tests.Support.SipTestMessages;

namespace ClusterSip.Sip.Stack.Tests.Transactions;

/// <summary>
/// A finished server transaction waits out wt_timer as an index entry, its actor stopped: retransmissions are still
/// absorbed or answered, a CANCEL still matches, the transaction counts as in use until its wait ends, and a message
/// that reached the stopped actor is matched again.
/// </summary>
public sealed class LingeringTests(ITestOutputHelper output) : TmTestKit(output)
{
    [Fact]
    public void After_a_relayed_2xx_the_invite_lingers_without_its_actor_and_ends_after_wt_timer()
    {
        var env = Env(new DelegateRouteScript(c => c.TRelay()));
        var layer = StartLayer(env);
        layer.OnMessage(From(Request("INVITE"), Caller));
        ExpectResponse(100);
        var forwarded = ExpectRequest("INVITE", CalleeA);
        var actor = env.Index.FindServer(KeyOf(Request("INVITE")))!;
        Watch(actor);

        layer.OnMessage(From(ResponseTo(forwarded, 200), CalleeA));
        ExpectResponse(200);
        ExpectTerminated(actor);
        Assert.Equal(new TransactionCounts(1, 0), env.Index.Counts);
        Assert.Equal(1, Statistics.Snapshot().InUseTransactions);

        layer.OnMessage(From(Request("INVITE"), Caller)); // a retransmission: absorbed, not relayed again
        ExpectNothingSent();

        Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(1, Statistics.Snapshot().InUseTransactions);
        AwaitAllEnded(layer);
        Assert.Equal(0, Statistics.Snapshot().InUseTransactions);
    }

    [Fact]
    public void A_cancel_of_a_lingering_invite_gets_200_and_cancels_nothing()
    {
        var env = Env(new DelegateRouteScript(c => c.TRelay()));
        var layer = StartLayer(env);
        layer.OnMessage(From(Request("INVITE"), Caller));
        ExpectResponse(100);
        var forwarded = ExpectRequest("INVITE", CalleeA);
        layer.OnMessage(From(ResponseTo(forwarded, 200), CalleeA));
        ExpectResponse(200);
        AwaitAssert(() => Assert.Null(env.Index.FindServer(KeyOf(Request("INVITE"))))); // the actor handed over

        layer.OnMessage(From(Request("CANCEL"), Caller));
        var answer = ExpectResponse(200);
        Assert.Equal("CANCEL", answer.CSeq!.Method);
        ExpectNothingSent();
    }

    [Fact]
    public void A_request_that_reached_a_stopped_transaction_actor_is_matched_again()
    {
        var layer = StartLayer(new DelegateRouteScript(c => c.TReply(200, "OK")));
        var stopped = ((Akka.Actor.ExtendedActorSystem)Sys).Provider.ResolveActorRef(layer.Manager.Path / "gone");
        Sys.EventStream.Publish(new Akka.Event.DeadLetter(From(Request("OPTIONS"), Caller), TestActor, stopped));
        ExpectResponse(200); // matched again: a new transaction, as the wait was over

        var elsewhere = ((Akka.Actor.ExtendedActorSystem)Sys).Provider.ResolveActorRef(TestActor.Path / "gone");
        Sys.EventStream.Publish(new Akka.Event.DeadLetter(From(Request("OPTIONS", branch: "z9hG4bKother"), Caller), TestActor, elsewhere));
        ExpectNothingSent(); // not one of this layer's transactions
    }

    private static TransactionKey KeyOf(ClusterSip.Sip.Messages.SipRequest request) =>
        TransactionKey.ForServer(request, request.Method, NodeConfDefaults.Tm.RuriMatching, NodeConfDefaults.Tm.Via1Matching)!.Value;
}
