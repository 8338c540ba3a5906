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

public sealed class ClientNonInviteTransactionTests(ITestOutputHelper output) : TmTestKit(output)
{
    private readonly SipRequest _options = Request("OPTIONS", branch: "z9hG4bKclient2");
    private TransactionLayer? _layer;

    [Fact]
    public void Timer_E_doubles_up_to_T2_then_Timer_F_times_out()
    {
        var tx = Start(CalleeA);
        Watch(tx);
        ExpectRequest("OPTIONS");
        foreach (var interval in new[] { 500, 1000, 2000, 4000, 4000, 4000 })
        {
            Advance(Ms(interval - 1));
            ExpectNothingSent();
            Advance(Ms(1));
            ExpectRequest("OPTIONS");
        }

        // 15.5 s so far; Timer F (64*T1 = 32 s) ends it.
        Advance(TimeSpan.FromSeconds(16.5));
        FishForMessage<ClientTimeout>(_ => true);
        ExpectTerminated(tx);
    }

    [Fact]
    public void Proceeding_retransmits_at_T2()
    {
        var tx = Start(CalleeA);
        var sent = ExpectRequest("OPTIONS");
        Deliver(From(ResponseTo(sent, 100), CalleeA));
        ExpectMsg<ClientResponse>();
        Advance(Ms(500));
        ExpectRequest("OPTIONS"); // the E scheduled while Trying
        Advance(Ms(3999));
        ExpectNothingSent();
        Advance(Ms(1));
        ExpectRequest("OPTIONS");
    }

    [Fact]
    public void Final_response_ends_a_branch_and_its_index_entry_absorbs_retransmissions_until_Timer_K()
    {
        var tx = Start(CalleeA);
        Watch(tx);
        var sent = ExpectRequest("OPTIONS");
        Deliver(From(ResponseTo(sent, 200), CalleeA));
        Assert.Equal(200, ExpectMsg<ClientResponse>().Response.StatusCode);
        ExpectTerminated(tx); // a proxied branch leaves Completed to the index: its host need not wait
        Deliver(From(ResponseTo(sent, 200), CalleeA)); // absorbed in Completed: neither passed up nor forwarded
        ExpectNothingSent();
        AwaitCounts(_layer!, 0, 1);
        Advance(Ms(4900));
        AwaitCounts(_layer!, 0, 1);
        AwaitAllEnded(_layer!); // Timer K = T4
    }

    [Fact]
    public void Reliable_connection_has_no_retransmissions_and_K_is_zero()
    {
        var tcp = new SipEndPoint(SipProtocol.Tcp, CalleeA.Address);
        var tx = Start(tcp);
        Watch(tx);
        var sent = ExpectRequest("OPTIONS", tcp);
        Advance(TimeSpan.FromSeconds(10));
        ExpectNothingSent();
        Deliver(From(ResponseTo(sent, 404), tcp));
        ExpectMsg<ClientResponse>();
        ExpectTerminated(tx);
    }

    private IActorRef Start(SipEndPoint destination)
    {
        var env = Env();
        _layer = StartLayer(env);
        var start = new ClientTransactionStart(_options, destination, 1, NodeConfDefaults.Tm.FrTimer, NodeConfDefaults.Tm.FrInvTimer);
        return Sys.ActorOf(UacTransaction.Props(env, start, TestActor));
    }

    /// <summary>A response from the wire, matched by the transaction layer as the transports' would be.</summary>
    private void Deliver(InboundMessage response) => _layer!.OnMessage(response);
}
