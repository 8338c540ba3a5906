using Akka.Actor;
using ClusterSip.Sip.Messages;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>
/// The INVITE client transaction of RFC 3261 17.1.1 (Timers A, B, D), with the tm module's final-response timer:
/// fr_timer until the first provisional reply, then fr_inv_timer (restarted on each one with restart_fr_on_each_reply).
/// After an fr timeout the transaction lingers for wt_timer so the owner can still CANCEL it and late replies are absorbed.
/// </summary>
public sealed class ClientInviteTransaction : ClientTransaction
{
    private State _state = State.Calling;
    private TimeSpan _timerA;
    private bool _cancelRequested;
    private bool _cancelSent;
    private bool _hadProvisional;

    public ClientInviteTransaction(TransactionEnvironment env, ClientTransactionStart start)
        : base(env, start)
    {
    }

    private enum State
    {
        Calling,
        Proceeding,
        Completed,
        TimedOut,
    }

    public static Props Props(TransactionEnvironment env, ClientTransactionStart start) =>
        TransactionProps.Of(() => new ClientInviteTransaction(env, start));

    private protected override void OnStarted()
    {
        if (!Reliable)
        {
            _timerA = Settings.T1;
            Timers.StartSingleTimer(TransactionTimers.A, TransactionTimers.A, _timerA);
        }

        // Timer B and fr_timer end the Calling state alike: only the earlier of the two is started.
        var timeout = Start.FrTimer <= Settings.SixtyFourT1 ? TransactionTimers.Fr : TransactionTimers.B;
        Timers.StartSingleTimer(timeout, timeout, timeout == TransactionTimers.Fr ? Start.FrTimer : Settings.SixtyFourT1);
    }

    private protected override void OnTimer(TimerFired timer)
    {
        switch (timer.Name)
        {
            case "A" when _state == State.Calling:
                _timerA *= 2; // 17.1.1.2: A doubles without the T2 cap of Timer E
                Timers.StartSingleTimer(TransactionTimers.A, TransactionTimers.A, _timerA);
                Send(Request);
                break;
            case "B" when _state == State.Calling:
            case "fr" when _state is State.Calling or State.Proceeding:
                TimeOut();
                break;
            case "D":
            case "wt":
                Terminate();
                break;
        }
    }

    private protected override void OnResponse(SipResponse response)
    {
        if (_state == State.Completed)
        {
            if (response.IsFinal && !response.IsSuccess)
            {
                Send(Request.CreateAck(response)); // 17.1.1.2: retransmitted final, ACK again
            }

            return;
        }

        if (response.IsProvisional)
        {
            OnProvisional(response);
        }
        else if (response.IsSuccess)
        {
            // 17.1.1.2: a 2xx goes to the TU and the transaction ends; the ACK is the TU's (end to end).
            ReportResponse(response);
            Terminate();
        }
        else
        {
            _state = State.Completed;
            Timers.CancelAll();
            StartTimer(TransactionTimers.D, Reliable ? TimeSpan.Zero : TransactionTimers.TimerDUnreliable);
            Send(Request.CreateAck(response));
            ReportResponse(response);
        }
    }

    private protected override bool OnOtherMessage(object message)
    {
        switch (message)
        {
            case CancelClientTransaction:
                OnCancel();
                return true;
            case ClientResponse or ClientTimeout or ClientTransportError:
                return true; // replies to our own CANCEL end here (RFC 3261 9.1: they do not affect the INVITE transaction)
            default:
                return false;
        }
    }

    private void OnProvisional(SipResponse response)
    {
        if (_state == State.TimedOut)
        {
            return;
        }

        var first = !_hadProvisional;
        _hadProvisional = true;
        _state = State.Proceeding;
        Timers.Cancel(TransactionTimers.A);
        Timers.Cancel(TransactionTimers.B);
        if ((first || Settings.RestartFrOnEachReply) && !_cancelSent)
        {
            Timers.StartSingleTimer(TransactionTimers.Fr, TransactionTimers.Fr, Start.FrInvTimer);
        }

        ReportResponse(response);
        if (_cancelRequested && !_cancelSent)
        {
            SendCancel();
        }
    }

    private void OnCancel()
    {
        _cancelRequested = true;
        if (_hadProvisional && !_cancelSent && _state is State.Proceeding or State.TimedOut)
        {
            SendCancel();
        }
    }

    private void SendCancel()
    {
        _cancelSent = true;
        if (_state == State.Proceeding)
        {
            // RFC 3261 9.1: without a final response 64*T1 after the CANCEL, the INVITE is considered cancelled.
            Timers.StartSingleTimer(TransactionTimers.Fr, TransactionTimers.Fr, Settings.SixtyFourT1);
        }

        var cancel = Request.CreateCancel();
        var start = new ClientTransactionStart(cancel, Start.Destination, Self, Start.BranchIndex, Settings.FrTimer, Settings.FrInvTimer);
        Context.ActorOf(ClientNonInviteTransaction.Props(Env, start));
    }

    private void TimeOut()
    {
        Timers.CancelAll();
        _state = State.TimedOut;
        StartTimer(TransactionTimers.Wait, Settings.WtTimer);
        Report(new ClientTimeout(Start.BranchIndex, _hadProvisional));
    }
}
