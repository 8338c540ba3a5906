using Akka.Actor;
using ClusterSip.Tests.Support;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Tests.Support;
using ClusterSip.Sip.Stack.Transactions;
using ClusterSip.Sip.Stack.Transport;
using Xunit;
using Xunit.Abstractions;
using static ClusterSip.Sip.Stack.Tests.Support.SipTestMessages;

namespace ClusterSip.Sip.Stack.Tests.Transactions;

public sealed class ClientInviteTransactionTests(ITestOutputHelper output) : TmTestKit(output)
{
    private readonly SipRequest _invite = Request("INVITE", branch: "z9hG4bKclient1");
    private TransactionLayer? _layer;

    [Fact]
    public void Timer_A_retransmits_at_T1_then_doubling_intervals()
    {
        Start(_invite, NodeConfDefaults.Tm);
        ExpectRequest("INVITE", CalleeA);

        Advance(Ms(499));
        ExpectNothingSent();
        Advance(Ms(1)); // 500 ms = T1
        ExpectRequest("INVITE", CalleeA);
        Advance(Ms(999));
        ExpectNothingSent();
        Advance(Ms(1)); // +1 s = 2*T1
        ExpectRequest("INVITE", CalleeA);
        Advance(Ms(2000)); // +2 s = 4*T1
        ExpectRequest("INVITE", CalleeA);
        Advance(Ms(4000)); // +4 s: A has no T2 cap (RFC 3261 17.1.1.2)
        ExpectRequest("INVITE", CalleeA);
    }

    [Fact]
    public void Timer_B_reports_a_timeout_and_ends_the_transaction()
    {
        var tx = Start(_invite, NodeConfDefaults.Tm with { FrTimer = TimeSpan.FromSeconds(60) });
        Watch(tx);
        ExpectRequest("INVITE");

        Advance(TimeSpan.FromSeconds(31.5));
        ExpectNoMsg(Ms(50));
        Advance(Ms(500)); // 64*T1 = 32 s
        var timeout = FishForMessage<ClientTimeout>(_ => true);
        Assert.False(timeout.HadProvisional);
        Advance(TimeSpan.FromSeconds(5)); // wt_timer
        ExpectTerminated(tx);
    }

    [Fact]
    public void Fr_timer_shorter_than_B_times_out_first()
    {
        Start(_invite, NodeConfDefaults.Tm with { FrTimer = TimeSpan.FromSeconds(3) });
        ExpectRequest("INVITE");
        Advance(TimeSpan.FromSeconds(3));
        FishForMessage<ClientTimeout>(_ => true);
    }

    [Fact]
    public void Non_2xx_final_is_acknowledged_and_the_index_entry_acknowledges_retransmissions_until_Timer_D()
    {
        var tx = Start(_invite, NodeConfDefaults.Tm);
        Watch(tx);
        var sent = ExpectRequest("INVITE");

        var busy = ResponseTo(sent, 486);
        Deliver(From(busy, CalleeA));
        var ack = ExpectRequest("ACK", CalleeA);
        Assert.Equal(sent.TopVia!.Branch, ack.TopVia!.Branch);
        Assert.Equal("callee1", ack.To!.Tag);
        Assert.Equal(486, ExpectMsg<ClientResponse>().Response.StatusCode);
        ExpectTerminated(tx); // a proxied branch leaves Completed to the index: its host need not wait

        Deliver(From(ResponseTo(sent, 486), CalleeA)); // retransmitted final: ACK again, not passed up
        ExpectRequest("ACK", CalleeA);
        ExpectNoMsg(Ms(50));

        Advance(TimeSpan.FromSeconds(10)); // Timer A no longer runs
        ExpectNothingSent();
        Advance(TimeSpan.FromSeconds(21));
        AwaitCounts(_layer!, 0, 1);
        AwaitAllEnded(_layer!); // Timer D = 32 s
    }

    [Fact]
    public void Provisional_stops_retransmissions_and_switches_to_fr_inv_timer()
    {
        var settings = NodeConfDefaults.Tm with { FrTimer = TimeSpan.FromSeconds(3), FrInvTimer = TimeSpan.FromSeconds(10) };
        var tx = Start(_invite, settings);
        var sent = ExpectRequest("INVITE");
        Deliver(From(ResponseTo(sent, 180), CalleeA));
        Assert.Equal(180, ExpectMsg<ClientResponse>().Response.StatusCode);

        Advance(TimeSpan.FromSeconds(9));
        ExpectNothingSent();
        ExpectNoMsg(Ms(50));
        Deliver(From(ResponseTo(sent, 183), CalleeA)); // restart_fr_on_each_reply = 1: fr_inv starts again
        ExpectMsg<ClientResponse>();
        Advance(TimeSpan.FromSeconds(9));
        ExpectNoMsg(Ms(50));
        Advance(TimeSpan.FromSeconds(1));
        Assert.True(ExpectMsg<ClientTimeout>().HadProvisional);
    }

    [Fact]
    public void Without_restart_fr_on_each_reply_fr_inv_runs_from_the_first_provisional()
    {
        var settings = NodeConfDefaults.Tm with { FrInvTimer = TimeSpan.FromSeconds(10), RestartFrOnEachReply = false };
        var tx = Start(_invite, settings);
        var sent = ExpectRequest("INVITE");
        Deliver(From(ResponseTo(sent, 180), CalleeA));
        ExpectMsg<ClientResponse>();
        Advance(TimeSpan.FromSeconds(9));
        Deliver(From(ResponseTo(sent, 183), CalleeA));
        ExpectMsg<ClientResponse>();
        Advance(TimeSpan.FromSeconds(1));
        ExpectMsg<ClientTimeout>();
    }

    [Fact]
    public void A_2xx_goes_to_the_owner_and_ends_the_transaction_without_ACK()
    {
        var tx = Start(_invite, NodeConfDefaults.Tm);
        Watch(tx);
        var sent = ExpectRequest("INVITE");
        Deliver(From(ResponseTo(sent, 200), CalleeA));
        Assert.Equal(200, ExpectMsg<ClientResponse>().Response.StatusCode);
        ExpectTerminated(tx);
        ExpectNothingSent();
    }

    [Fact]
    public void Cancel_waits_for_a_provisional_reply_then_sends_CANCEL()
    {
        var tx = Start(_invite, NodeConfDefaults.Tm);
        var sent = ExpectRequest("INVITE");
        tx.Tell(CancelClientTransaction.Instance);
        ExpectNothingSent(); // RFC 3261 9.1: no CANCEL before a provisional reply

        Deliver(From(ResponseTo(sent, 180), CalleeA));
        var cancel = ExpectRequest("CANCEL", CalleeA);
        Assert.Equal(sent.TopVia!.Branch, cancel.TopVia!.Branch);
        Assert.Equal(sent.RequestUri, cancel.RequestUri);
    }

    [Fact]
    public void Send_failure_is_reported()
    {
        Transport.Unreachable[CalleeA] = true;
        var tx = Start(_invite, NodeConfDefaults.Tm);
        Watch(tx);
        ExpectMsg<ClientTransportError>();
        ExpectTerminated(tx);
    }

    [Fact]
    public void Indexes_its_key_before_sending_and_removes_it_when_it_ends()
    {
        var env = Env();
        var key = new TransactionKey("z9hG4bKclient1", string.Empty, "INVITE");
        StartLayer(env);
        var tx = Sys.ActorOf(UacTransaction.Props(env, NewStart(_invite, NodeConfDefaults.Tm), TestActor));
        ExpectRequest("INVITE", CalleeA);
        Assert.Equal(tx, env.Index.FindClient(key)?.Host);
        Watch(tx);
        Sys.Stop(tx);
        ExpectTerminated(tx);
        AwaitAssert(() => Assert.Null(env.Index.FindClient(key)));
    }

    private IActorRef Start(SipRequest request, TmSettings settings)
    {
        var env = Env(settings: settings);
        _layer = StartLayer(env);
        return Sys.ActorOf(UacTransaction.Props(env, NewStart(request, settings), TestActor));
    }

    /// <summary>A response from the wire, matched by the transaction layer as the transports' would be.</summary>
    private void Deliver(InboundMessage response) => _layer!.OnMessage(response);

    private static ClientTransactionStart NewStart(SipRequest request, TmSettings settings) =>
        new(request, CalleeA, 1, settings.FrTimer, settings.FrInvTimer);
}
