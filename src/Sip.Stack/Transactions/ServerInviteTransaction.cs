using Akka.Actor;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>
/// The INVITE server transaction of RFC 3261 17.2.1 (Timers G, H, I). After a 2xx it stays for wt_timer (as the tm
/// module does, like the Accepted state of RFC 6026) absorbing retransmitted INVITEs and relaying further 2xx.
/// </summary>
public sealed class ServerInviteTransaction : ServerTransaction
{
    private State _state = State.Proceeding;
    private TimeSpan _timerG;

    public ServerInviteTransaction(TransactionEnvironment env, ServerTransactionStart start)
        : base(env, start)
    {
    }

    private enum State
    {
        Proceeding,
        Completed,
        Confirmed,
        Accepted,
    }

    public static Props Props(TransactionEnvironment env, ServerTransactionStart start) =>
        TransactionProps.Of(() => new ServerInviteTransaction(env, start));

    private protected override bool Accept(SipResponse response)
    {
        if (response.IsProvisional)
        {
            if (_state != State.Proceeding)
            {
                return false;
            }

            ProvisionalSent = true;
            LastResponse = response;
            return true;
        }

        if (response.IsSuccess)
        {
            // 16.7 step 5: every 2xx is relayed, whatever the state.
            if (_state == State.Proceeding)
            {
                FinalSent = true;
                _state = State.Accepted;
                LastResponse = null; // a retransmitted INVITE is absorbed from now on
                Linger(null, forwardsAck: true, Settings.WtTimer, TransactionTimer.Wait);
            }

            return true;
        }

        if (_state != State.Proceeding)
        {
            return false;
        }

        FinalSent = true;
        LastResponse = response;
        _state = State.Completed;
        if (!Reliable)
        {
            _timerG = Settings.T1;
            StartTimer(TransactionTimer.G, _timerG);
        }

        StartTimer(TransactionTimer.H, Settings.SixtyFourT1);
        return true;
    }

    private protected override void OnRetransmission(InboundMessage message)
    {
        if (message.Message is SipRequest { Method: SipMethods.Ack })
        {
            if (_state == State.Accepted)
            {
                // Only an RFC 2543 peer's ACK of a 2xx matches the INVITE: it is end to end, the user's to route.
                Env.User.OnStatelessRequest(message);
            }
            else if (_state == State.Completed)
            {
                _state = State.Confirmed;
                OnAck((SipRequest)message.Message);
                CancelTimer(TransactionTimer.G);
                CancelTimer(TransactionTimer.H);
                Linger(null, forwardsAck: false, Reliable ? TimeSpan.Zero : Settings.T4, TransactionTimer.I);
            }

            return; // 17.2.1: the ACK of a non-2xx is absorbed here, never passed on
        }

        if (_state is State.Proceeding or State.Completed && LastResponse is { } last)
        {
            Transmit(last);
        }
    }

    private protected override void OnTimer(TransactionTimer timer)
    {
        switch (timer)
        {
            case TransactionTimer.G when _state == State.Completed:
                _timerG = _timerG * 2 < Settings.T2 ? _timerG * 2 : Settings.T2;
                StartTimer(TransactionTimer.G, _timerG);
                Transmit(LastResponse!);
                break;
            case TransactionTimer.H when _state == State.Completed:
            case TransactionTimer.I:
                ReadyToDelete();
                break;
        }
    }

    private protected override bool OnOtherMessage(object message)
    {
        if (message is not CancelInvite)
        {
            return false;
        }

        if (_state == State.Proceeding)
        {
            OnCancel();
        }

        return true;
    }
}
