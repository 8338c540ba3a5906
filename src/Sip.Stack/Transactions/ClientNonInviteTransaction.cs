using ClusterSip.Sip.Messages;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>
/// The non-INVITE client transaction of RFC 3261 17.1.2 (Timers E, F, K). fr_timer, when shorter than Timer F,
/// ends it earlier, as in the tm module.
/// </summary>
public sealed class ClientNonInviteTransaction : ClientTransaction
{
    private State _state = State.Trying;
    private TimeSpan _timerE;

    /// <param name="reports">false for a CANCEL of our own, whose outcome nobody hears.</param>
    internal ClientNonInviteTransaction(IClientTransactionHost host, ClientTransactionStart start, bool reports)
        : base(host, start, reports)
    {
    }

    private enum State
    {
        Trying,
        Proceeding,
        Completed,
    }

    private protected override void OnStarted()
    {
        if (!Reliable)
        {
            _timerE = Settings.T1;
            StartTimer(TransactionTimer.E, _timerE);
        }

        // Timer F and fr_timer end the transaction alike: only the earlier of the two is started.
        var timeout = Start.FrTimer < Settings.SixtyFourT1 ? TransactionTimer.Fr : TransactionTimer.F;
        StartTimer(timeout, timeout == TransactionTimer.Fr ? Start.FrTimer : Settings.SixtyFourT1);
    }

    private protected override void OnTimer(TransactionTimer timer)
    {
        switch (timer)
        {
            case TransactionTimer.E when _state != State.Completed:
                // 17.1.2.2: doubling up to T2 while Trying; T2 once a provisional reply came.
                _timerE = _state == State.Trying ? Min(_timerE * 2, Settings.T2) : Settings.T2;
                StartTimer(TransactionTimer.E, _timerE);
                Send(Request);
                break;
            case TransactionTimer.F or TransactionTimer.Fr when _state != State.Completed:
                ReportTimeout();
                Terminate();
                break;
            case TransactionTimer.K:
                Terminate();
                break;
        }
    }

    private protected override void OnResponse(SipResponse response)
    {
        if (_state == State.Completed)
        {
            return;
        }

        if (response.IsProvisional)
        {
            _state = State.Proceeding;
            HadProvisional = true;
            ReportResponse(response);
            return;
        }

        _state = State.Completed;
        CancelTimers();
        ReportResponse(response);
        Linger(null, Reliable ? TimeSpan.Zero : Settings.T4, TransactionTimer.K);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
