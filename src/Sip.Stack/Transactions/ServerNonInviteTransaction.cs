using Akka.Actor;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>
/// The non-INVITE server transaction of RFC 3261 17.2.2. Timer J over UDP is wt_timer, not 64*T1: the tm module keeps
/// a finished transaction for wt_timer (the seed: "the time a transaction's data stays in memory to absorb delayed
/// messages after it ends"), and 32 s per BYE/REGISTER/OPTIONS would hold six times the transactions at a given call
/// rate. A request retransmitted later is relayed again as a new transaction, which the next hop answers from its own.
/// </summary>
public sealed class ServerNonInviteTransaction : ServerTransaction
{
    private State _state = State.Trying;

    public ServerNonInviteTransaction(TransactionEnvironment env, ServerTransactionStart start)
        : base(env, start)
    {
    }

    private enum State
    {
        Trying,
        Proceeding,
        Completed,
    }

    public static Props Props(TransactionEnvironment env, ServerTransactionStart start) =>
        TransactionProps.Of(() => new ServerNonInviteTransaction(env, start));

    private protected override bool Accept(SipResponse response)
    {
        if (_state == State.Completed)
        {
            return false;
        }

        LastResponse = response;
        if (response.IsProvisional)
        {
            ProvisionalSent = true;
            _state = State.Proceeding;
            return true;
        }

        FinalSent = true;
        _state = State.Completed;
        Linger(response, forwardsAck: false, Reliable ? TimeSpan.Zero : Settings.WtTimer, TransactionTimer.J);
        return true;
    }

    private protected override void OnRetransmission(InboundMessage message)
    {
        if (_state != State.Trying && LastResponse is { } last)
        {
            Transmit(last); // 17.2.2: a retransmission gets the last response again
        }
    }

    private protected override void OnTimer(TransactionTimer timer)
    {
        if (timer == TransactionTimer.J)
        {
            ReadyToDelete();
        }
    }
}
