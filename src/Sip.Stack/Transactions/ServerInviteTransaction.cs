using Akka.Actor;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Proxy;

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
                Linger(null, forwardsAck: true, Settings.WtTimer, TransactionTimers.Wait);
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
            Timers.StartSingleTimer(TransactionTimers.G, TransactionTimers.G, _timerG);
        }

        Timers.StartSingleTimer(TransactionTimers.H, TransactionTimers.H, Settings.SixtyFourT1);
        return true;
    }

    private protected override void OnRetransmission(SipRequest request)
    {
        if (request.Method == SipMethods.Ack)
        {
            if (_state == State.Accepted)
            {
                // Only an RFC 2543 peer's ACK of a 2xx matches the INVITE: it is end to end, forward it.
                StatelessForwarder.ForwardRequest(request, Env.Transport, Env.Resolver, Env.Faults);
            }
            else if (_state == State.Completed)
            {
                _state = State.Confirmed;
                Timers.Cancel(TransactionTimers.G);
                Timers.Cancel(TransactionTimers.H);
                Linger(null, forwardsAck: false, Reliable ? TimeSpan.Zero : Settings.T4, TransactionTimers.I);
            }

            return; // 17.2.1: the ACK of a non-2xx is absorbed here, never passed on
        }

        if (_state is State.Proceeding or State.Completed && LastResponse is { } last)
        {
            Transmit(last);
        }
    }

    private protected override void OnTimer(TimerFired timer)
    {
        switch (timer.Name)
        {
            case "G" when _state == State.Completed:
                _timerG = _timerG * 2 < Settings.T2 ? _timerG * 2 : Settings.T2;
                Timers.StartSingleTimer(TransactionTimers.G, TransactionTimers.G, _timerG);
                Transmit(LastResponse!);
                break;
            case "H" when _state == State.Completed:
            case "I":
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

        OnCancel();
        return true;
    }

    private void OnCancel()
    {
        if (_state == State.Proceeding)
        {
            Core.Cancel();
        }
    }
}
