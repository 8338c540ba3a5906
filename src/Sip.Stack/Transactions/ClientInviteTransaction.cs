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

    internal ClientInviteTransaction(IClientTransactionHost host, ClientTransactionStart start)
        : base(host, start, reports: true)
    {
    }

    private enum State
    {
        Calling,
        Proceeding,
        Completed,
        TimedOut,
    }

    internal override void Cancel()
    {
        _cancelRequested = true;
        if (!Ended && HadProvisional && !_cancelSent && _state is State.Proceeding or State.TimedOut)
        {
            SendCancel();
        }
    }

    private protected override void OnStarted()
    {
        if (!Reliable)
        {
            _timerA = Settings.T1;
            StartTimer(TransactionTimer.A, _timerA);
        }

        // Timer B and fr_timer end the Calling state alike: only the earlier of the two is started.
        var timeout = Start.FrTimer <= Settings.SixtyFourT1 ? TransactionTimer.Fr : TransactionTimer.B;
        StartTimer(timeout, timeout == TransactionTimer.Fr ? Start.FrTimer : Settings.SixtyFourT1);
    }

    private protected override void OnTimer(TransactionTimer timer)
    {
        switch (timer)
        {
            case TransactionTimer.A when _state == State.Calling:
                _timerA *= 2; // 17.1.1.2: A doubles without the T2 cap of Timer E
                StartTimer(TransactionTimer.A, _timerA);
                Send(Request);
                break;
            case TransactionTimer.B when _state == State.Calling:
            case TransactionTimer.Fr when _state is State.Calling or State.Proceeding:
                TimeOut();
                break;
            case TransactionTimer.D:
            case TransactionTimer.Wait:
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
            CancelTimers();
            var ack = Request.CreateAck(response);
            Send(ack);
            ReportResponse(response);
            Linger(ack, Reliable ? TimeSpan.Zero : TransactionTimers.TimerDUnreliable, TransactionTimer.D);
        }
    }

    private void OnProvisional(SipResponse response)
    {
        if (_state == State.TimedOut)
        {
            return;
        }

        var first = !HadProvisional;
        HadProvisional = true;
        _state = State.Proceeding;
        CancelTimer(TransactionTimer.A);
        CancelTimer(TransactionTimer.B);
        if ((first || Settings.RestartFrOnEachReply) && !_cancelSent)
        {
            StartTimer(TransactionTimer.Fr, Start.FrInvTimer);
        }

        ReportResponse(response);
        if (_cancelRequested && !_cancelSent)
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
            StartTimer(TransactionTimer.Fr, Settings.SixtyFourT1);
        }

        // RFC 3261 9.1: the responses to our CANCEL do not affect the INVITE transaction; nobody hears them.
        BeginSilent(new ClientTransactionStart(Request.CreateCancel(), Start.Destination, Start.BranchIndex, Settings.FrTimer, Settings.FrInvTimer));
    }

    private void TimeOut()
    {
        CancelTimers();
        _state = State.TimedOut;
        StartTimer(TransactionTimer.Wait, Settings.WtTimer);
        ReportTimeout();
    }
}
