using Akka.Actor;
using Akka.Event;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>What a server transaction actor starts with: the request, its key, and for a CANCEL the INVITE transaction it cancels.</summary>
public sealed record ServerTransactionStart(InboundMessage Inbound, TransactionKey Key, IActorRef? CancelledInvite);

/// <summary>
/// What the INVITE and non-INVITE server transactions share: hosting their user (<see cref="IServerTransactionUser"/>,
/// the proxy core), sending responses, hosting one client transaction per branch (the actor is the whole tm cell), and
/// ending: after its state machine's last timer the actor stops, or, while branches still run, when the last one ends
/// (re-checked every delete_timer, as the tm module does). An exception while handling anything ends the transaction:
/// logged with its cause, a 500 to the caller unless a final response went, pending INVITE branches cancelled, and the
/// user hears nothing more; the state machine then ends as after any final response.
/// </summary>
public abstract class ServerTransaction : TransactionActor, IClientTransactionHost
{
    private readonly TransactionKey _key;
    private readonly List<ClientTransaction> _clients = [];
    private ILoggingAdapter? _log;
    private string? _toTag;
    private bool _deleting;
    private LingeringServer? _linger;
    private bool _handedOff;
    private bool _failed;

    private protected ServerTransaction(TransactionEnvironment env, ServerTransactionStart start)
    {
        _key = start.Key;
        Env = env;
        Inbound = start.Inbound;
        Request = (SipRequest)start.Inbound.Message;
        CancelledInvite = start.CancelledInvite;
        Reliable = start.Inbound.Local.Protocol != SipProtocol.Udp;
        User = env.User.Create(this);
    }

    public TransactionEnvironment Env { get; }

    IActorRef IClientTransactionHost.Self => Self;

    TimerWheel IClientTransactionHost.Wheel => Wheel;

    internal new IActorRef Self => base.Self;

    internal InboundMessage Inbound { get; }

    internal SipRequest Request { get; }

    /// <summary>For a CANCEL: the INVITE server transaction it matched (RFC 3261 9.2), if any.</summary>
    internal IActorRef? CancelledInvite { get; }

    internal bool ProvisionalSent { get; private protected set; }

    internal bool FinalSent { get; private protected set; }

    private protected bool Reliable { get; }

    private protected SipResponse? LastResponse { get; set; }

    private protected TmSettings Settings => Env.Settings;

    private IServerTransactionUser User { get; }

    private string ToTag => _toTag ??= SipIds.NewTag();

    internal ILoggingAdapter Log => _log ??= Context.GetLogger();

    /// <param name="toTag">The To tag of a response made elsewhere (a UAS behind the route script); else this transaction's.</param>
    internal SipResponse CreateLocalResponse(int code, string? reason, string? toTag = null) =>
        SipResponse.CreateFor(Request, code, reason, code > 100 ? toTag ?? ToTag : null);

    /// <summary>Sends a response upstream through the state machine; <paramref name="local"/> = generated here, not relayed.</summary>
    internal void SendResponse(SipResponse response, bool local)
    {
        var wasFinal = FinalSent;
        if (!Accept(response))
        {
            return;
        }

        if (local)
        {
            Env.Statistics.LocalReply();
        }
        else
        {
            Env.Statistics.ReplyRelayed();
        }

        if (response.IsFinal && !wasFinal)
        {
            Env.Statistics.TransactionCompleted(response.StatusCode);
        }

        Transmit(response);
        if (!_failed)
        {
            User.OnResponseSent(response, local);
        }
    }

    internal ClientTransaction StartClient(ClientTransactionStart start) => ClientTransaction.Begin(this, start);

    void IClientTransactionHost.OnClientStarted(ClientTransaction client) => _clients.Add(client);

    void IClientTransactionHost.OnClientResponse(ClientTransaction client, SipResponse response, bool faked)
    {
        if (!_failed)
        {
            User.OnBranchResponse(client, response, faked);
        }
    }

    void IClientTransactionHost.OnClientEnded(ClientTransaction client) => Forget(client);

    /// <summary>t_release, or a route that neither relayed nor replied: absorb retransmissions for wt_timer, then end.</summary>
    internal void Release()
    {
        if (FinalSent || Request.Method != SipMethods.Invite)
        {
            Linger(null, forwardsAck: false, Settings.WtTimer, TransactionTimer.Wait);
        }
        else
        {
            StartTimer(TransactionTimer.Wait, Settings.WtTimer); // a CANCEL must still find it, to answer 487
        }
    }

    private protected override bool Handle(object message)
    {
        try
        {
            return Dispatch(message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Fail(e);
            return true;
        }
    }

    /// <summary>A CANCEL matched the transaction before its final response.</summary>
    private protected void OnCancel()
    {
        if (!_failed)
        {
            User.OnCancel();
        }
    }

    /// <summary>The ACK of a non-2xx final response reached the transaction.</summary>
    private protected void OnAck(SipRequest ack)
    {
        if (!_failed)
        {
            User.OnAck(ack);
        }
    }

    private bool Dispatch(object message)
    {
        switch (message)
        {
            case InboundMessage { Message: SipRequest } inbound when _handedOff:
                _linger!.OnRetransmission(inbound, Env);
                return true;
            case InboundMessage { Message: SipRequest } inbound:
                OnRetransmission(inbound);
                return true;
            case HandedOff:
                Context.Stop(Self);
                return true;
            case ClientInbound inbound:
                OnClientMessage(inbound.Transaction, inbound);
                return true;
            case WheelTimer { Owner: ClientTransaction client } timer:
                OnClientMessage(client, timer);
                return true;
            case ClientSendCompleted completed:
                OnClientMessage(completed.Transaction, completed);
                return true;
            case WheelTimer timer:
                if (IsOwnFiring(timer))
                {
                    OnTimerFired(timer.Timer);
                }

                return true;
            case SendCompleted completed:
                Log.Warning("Response not sent for {0}: {1}", Request.CallId, completed.Result.Error);
                return true;
            default:
                return !_failed && User.OnMessage(message);
        }
    }

    protected override void PreStart()
    {
        try
        {
            User.OnRequest();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Fail(e);
        }
    }

    protected override void PostStop()
    {
        CancelTimers();
        foreach (var client in _clients)
        {
            client.Abandon();
        }

        if (!_failed)
        {
            try
            {
                User.OnEnded();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Log.Error(e, "Transaction user failed at the end of {0} {1}", Request.Method, Request.CallId);
            }
        }

        if (!_handedOff)
        {
            Env.Index.RemoveServer(_key, Self);
            Env.Statistics.TransactionEnded(); // a lingering transaction ends when the manager removes it
        }
    }

    /// <summary>
    /// The wait state: retransmissions of the request are absorbed (answered with <paramref name="response"/> when
    /// there is one) for <paramref name="duration"/>, then the transaction ends. As soon as no branch can still reach
    /// the actor, that job goes to a <see cref="LingeringServer"/> in the index and the actor stops; until then the
    /// actor does it itself, ending on <paramref name="timer"/>.
    /// </summary>
    private protected void Linger(SipResponse? response, bool forwardsAck, TimeSpan duration, TransactionTimer timer)
    {
        if (duration == TimeSpan.Zero)
        {
            StartTimer(timer, duration); // a reliable transport: nothing to absorb
            return;
        }

        _linger = new LingeringServer(_key, response, Inbound.ConnectionId, forwardsAck, Env.Index.ExpirySweep(duration));
        if (!TryHandOff())
        {
            StartTimer(timer, duration);
        }
    }

    private bool TryHandOff()
    {
        if (_linger is null || _handedOff || _clients.Count > 0 || !(_failed || User.Idle) || !Env.Index.Linger(Self, _linger))
        {
            return false;
        }

        // Stops once what is already in the mailbox was handled: a request queued there before the entry changed
        // (say, the RFC 2543 ACK of the 2xx just relayed) is given to the lingering entry, not lost.
        _handedOff = true;
        Self.Tell(HandedOff.Instance);
        return true;
    }

    /// <summary>The state machine's decision on a response the TU wants to send (updates state and timers).</summary>
    private protected abstract bool Accept(SipResponse response);

    private protected abstract void OnRetransmission(InboundMessage message);

    private protected abstract void OnTimer(TransactionTimer timer);

    private protected void Transmit(SipResponse response)
    {
        var pending = Env.Transport.SendResponseAsync(response, Inbound.ConnectionId);
        if (pending.IsCompletedSuccessfully)
        {
            if (!pending.Result.Sent)
            {
                Self.Tell(new SendCompleted(pending.Result));
            }
        }
        else
        {
            pending.AsTask().PipeTo(Self, success: r => new SendCompleted(r), failure: e => new SendCompleted(SendResult.Failed(e.Message)));
        }
    }

    /// <summary>
    /// The state machine is done; stop now, or, while branches (children) still run their own timers, when the last
    /// one ends, re-checking every delete_timer as the tm module does.
    /// </summary>
    private protected void ReadyToDelete()
    {
        CancelTimers();
        _deleting = true;
        if (_clients.Count == 0)
        {
            Context.Stop(Self);
            return;
        }

        StartTimer(TransactionTimer.Delete, Settings.DeleteTimer);
    }

    private void OnClientMessage(ClientTransaction client, object message) => client.Handle(message);

    /// <summary>Ends the transaction after an exception (see the class remarks).</summary>
    private void Fail(Exception error)
    {
        Log.Error(error, "Transaction {0} {1} failed; ending it", Request.Method, Request.CallId);
        if (_failed)
        {
            return;
        }

        _failed = true;
        try
        {
            foreach (var client in _clients.ToArray())
            {
                client.Cancel();
            }

            if (!FinalSent)
            {
                SendResponse(CreateLocalResponse(500, null), local: true);
            }

            if (!FinalSent)
            {
                ReadyToDelete(); // the state machine took no final response: nothing else would end it
            }
            else
            {
                TryHandOff();
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Log.Error(e, "Transaction {0} {1} could not answer its failure; stopping it", Request.Method, Request.CallId);
            Context.Stop(Self);
        }
    }

    private void Forget(ClientTransaction client)
    {
        _clients.Remove(client);
        if (TryHandOff())
        {
            return;
        }

        if (_deleting && _clients.Count == 0)
        {
            Context.Stop(Self);
        }
    }

    private void OnTimerFired(TransactionTimer timer)
    {
        if (timer is TransactionTimer.Wait or TransactionTimer.Delete)
        {
            ReadyToDelete();
        }
        else
        {
            OnTimer(timer);
        }
    }
}
