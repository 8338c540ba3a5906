using Akka.Actor;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>
/// What the INVITE and non-INVITE client transactions share. A client transaction is a state machine inside its host
/// actor (<see cref="IClientTransactionHost"/>), not an actor of its own: a proxied call would otherwise create twice
/// the actors, and each response would take one more hop before it reaches the proxy core.
/// </summary>
public abstract class ClientTransaction : ClientEntry
{
    private readonly IClientTransactionHost _host;
    private readonly bool _reports;
    private TransactionKey _key;
    private LingeringClient? _lingering;
    private WheelTimer? _timers;
    private bool _answered;

    private protected ClientTransaction(IClientTransactionHost host, ClientTransactionStart start, bool reports)
    {
        _host = host;
        _reports = reports;
        Host = host.Self;
        Start = start;
        Request = start.Request;
        Reliable = start.Destination.Protocol != SipProtocol.Udp;
    }

    /// <summary>The actor the transaction lives in: where the transports send its responses.</summary>
    public IActorRef Host { get; }

    public int BranchIndex => Start.BranchIndex;

    public bool Ended { get; private set; }

    /// <summary>A provisional reply was received.</summary>
    public bool HadProvisional { get; private protected set; }

    /// <summary>Why the transport could not send the request, when it could not.</summary>
    public string? TransportError { get; private set; }

    private protected ClientTransactionStart Start { get; private set; }

    private protected SipRequest Request { get; private set; }

    private protected bool Reliable { get; private set; }

    private protected TransactionEnvironment Env => _host.Env;

    private protected TmSettings Settings => _host.Env.Settings;

    /// <summary>The transaction for <paramref name="start"/>'s request, started in <paramref name="host"/>.</summary>
    internal static ClientTransaction Begin(IClientTransactionHost host, ClientTransactionStart start)
    {
        if (LargeRequests.OverTcp(start.Request, start.Destination, host.Env.Transport) is { } tcp)
        {
            start = start with { Request = tcp.Request, Destination = tcp.Destination, Fallback = start };
        }

        var client = start.Request.Method == SipMethods.Invite
            ? new ClientInviteTransaction(host, start)
            : (ClientTransaction)new ClientNonInviteTransaction(host, start, reports: true);
        client.Begin();
        return client;
    }

    /// <summary>Cancels a pending INVITE: a CANCEL goes out once a provisional reply was received (RFC 3261 9.1).</summary>
    internal virtual void Cancel()
    {
    }

    internal override void Deliver(InboundMessage message, SipResponse response, TransactionEnvironment env) =>
        Host.Tell(new ClientInbound(this, message));

    /// <summary>Handles one of the transaction's own messages, delivered by its host.</summary>
    internal void Handle(object message)
    {
        if (Ended)
        {
            // A response or timer that was already on its way when the transaction ended; a response queued before the
            // lingering entry took over is that entry's.
            if (_lingering is not null && message is ClientInbound { Message.Message: SipResponse retransmitted })
            {
                _lingering.OnResponse(retransmitted, Env);
            }

            return;
        }

        switch (message)
        {
            case ClientInbound { Message.Message: SipResponse response }:
                _answered = true;
                OnResponse(response);
                break;
            case WheelTimer timer when timer.TryConsume():
                OnTimer(timer.Timer);
                break;
            case ClientSendCompleted { Result.Sent: false } when !_answered && Start.Fallback is { } fallback:
                FallBack(fallback);
                break;
            case ClientSendCompleted { Result.Sent: false } failed:
                TransportError = failed.Result.Error ?? "send failed";
                ReportFaked(503); // RFC 3261 16.9: a transport error is a 503 from the branch
                Terminate();
                break;
        }
    }

    /// <summary>The host stops while the transaction still runs: it leaves the index without reporting.</summary>
    internal void Abandon()
    {
        if (!Ended)
        {
            Ended = true;
            CancelTimers();
            Unregister();
        }
    }

    internal void Begin()
    {
        // Indexed before the first send, so that no response can precede us.
        _key = TransactionKey.ForClientRequest(Request);
        Env.Index.AddClient(_key, this);
        _host.OnClientStarted(this);
        OnStarted();
        Send(Request);
    }

    /// <summary>Starts a transaction of the same host for <paramref name="request"/>, e.g. a CANCEL, whose outcome nobody hears.</summary>
    private protected void BeginSilent(ClientTransactionStart start) =>
        new ClientNonInviteTransaction(_host, start, reports: false).Begin();

    private protected abstract void OnStarted();

    private protected abstract void OnResponse(SipResponse response);

    private protected abstract void OnTimer(TransactionTimer timer);

    private protected void Send(SipRequest request) => Send(request, Start.Destination);

    private protected void Send(SipRequest request, SipEndPoint destination)
    {
        // A failure is handled as a message of its own, so that the host never hears of it while it is starting us.
        var pending = Env.Transport.SendRequestAsync(request, destination);
        if (!pending.IsCompletedSuccessfully)
        {
            pending.AsTask().PipeTo(Host, success: r => new ClientSendCompleted(this, r), failure: e => new ClientSendCompleted(this, SendResult.Failed(e.Message)));
        }
        else if (!pending.Result.Sent)
        {
            Host.Tell(new ClientSendCompleted(this, pending.Result));
        }
    }

    /// <summary>Starts (or restarts) a timer; one of zero length (Timers D and K on reliable transports) fires at once.</summary>
    private protected void StartTimer(TransactionTimer timer, TimeSpan duration) =>
        WheelTimer.Of(ref _timers, _host.Wheel, Host, this, timer).Start(duration);

    private protected void CancelTimer(TransactionTimer timer) => WheelTimer.Cancel(_timers, timer);

    private protected void CancelTimers() => WheelTimer.CancelAll(_timers);

    /// <summary>The final-response timer fired: the branch ends with a 408 of its own (tm's fake_reply).</summary>
    private protected void ReportTimeout() => ReportFaked(408);

    private protected void ReportResponse(SipResponse response)
    {
        if (Start.Uac)
        {
            if (response.IsProvisional && !Settings.PassProvisionalReplies)
            {
                return;
            }

            if (response.IsFinal)
            {
                Env.Statistics.TransactionCompleted(response.StatusCode);
            }
        }

        if (_reports)
        {
            _host.OnClientResponse(this, response, faked: false);
        }
    }

    private protected void Terminate()
    {
        if (!Ended)
        {
            Unregister();
            End();
        }
    }

    /// <summary>
    /// Completed, the final response reported: retransmitted responses are absorbed (and for an INVITE acknowledged
    /// again with <paramref name="ack"/>) for <paramref name="duration"/>. A proxied branch leaves that to a
    /// <see cref="LingeringClient"/> in the index and ends now, so its host need not wait for it; a transaction of a
    /// local request (counted in inuse_transactions) waits itself, ending on <paramref name="timer"/>.
    /// </summary>
    private protected void Linger(SipRequest? ack, TimeSpan duration, TransactionTimer timer)
    {
        if (duration == TimeSpan.Zero || Start.Uac)
        {
            StartTimer(timer, duration);
            return;
        }

        var lingering = new LingeringClient(_key, ack, Start.Destination, Env.Index.ExpirySweep(duration));
        if (!Env.Index.Linger(this, lingering))
        {
            StartTimer(timer, duration);
            return;
        }

        _lingering = lingering;
        End();
    }

    /// <summary>Starts over with the fallback start, under the same key (the branch does not change).</summary>
    private void FallBack(ClientTransactionStart fallback)
    {
        CancelTimers();
        Start = fallback;
        Request = fallback.Request;
        Reliable = fallback.Destination.Protocol != SipProtocol.Udp;
        OnStarted();
        Send(Request);
    }

    private void ReportFaked(int code)
    {
        if (_reports)
        {
            _host.OnClientResponse(this, SipResponse.CreateFor(Request, code, null, null), faked: true);
        }
    }

    private void End()
    {
        Ended = true;
        CancelTimers();
        _host.OnClientEnded(this);
    }

    private void Unregister()
    {
        Env.Index.RemoveClient(_key, this);
        if (Start.Uac)
        {
            Env.Statistics.TransactionEnded();
        }
    }
}
