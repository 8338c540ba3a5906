using Akka.Actor;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>What the INVITE and non-INVITE client transactions share: registration, sending, reporting to the owner.</summary>
public abstract class ClientTransaction : TransactionActor
{
    private TransactionKey _key;

    private protected ClientTransaction(TransactionEnvironment env, ClientTransactionStart start)
    {
        Env = env;
        Start = start;
        Request = start.Request;
        Reliable = start.Destination.Protocol != SipProtocol.Udp;
    }

    private protected TransactionEnvironment Env { get; }

    private protected ClientTransactionStart Start { get; }

    private protected SipRequest Request { get; }

    private protected bool Reliable { get; }

    private protected TmSettings Settings => Env.Settings;

    private protected override bool Handle(object message)
    {
        switch (message)
        {
            case InboundMessage { Message: SipResponse response }:
                OnResponse(response);
                return true;
            case TimerFired timer:
                OnTimer(timer);
                return true;
            case SendCompleted completed:
                OnSendCompleted(completed.Result);
                return true;
            default:
                return false;
        }
    }

    protected override void PreStart()
    {
        // Indexed before the first send, so that no response can precede us.
        _key = TransactionKey.ForClientRequest(Request);
        Env.Index.AddClient(_key, Self);
        OnStarted();
        Send(Request);
    }

    protected override void PostStop()
    {
        Env.Index.RemoveClient(_key, Self);
        if (Start.Uac)
        {
            Env.Statistics.TransactionEnded();
        }
    }

    private protected abstract void OnStarted();

    private protected abstract void OnResponse(SipResponse response);

    private protected abstract void OnTimer(TimerFired timer);

    private protected void Send(SipRequest request) => Send(request, Start.Destination);

    private protected void Send(SipRequest request, SipEndPoint destination)
    {
        var pending = Env.Transport.SendRequestAsync(request, destination);
        if (pending.IsCompletedSuccessfully)
        {
            OnSendCompleted(pending.Result);
        }
        else
        {
            pending.AsTask().PipeTo(Self, success: r => new SendCompleted(r), failure: e => new SendCompleted(SendResult.Failed(e.Message)));
        }
    }

    private protected void Report(object message) => Start.Owner.Tell(message);

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

        Report(new ClientResponse(Start.BranchIndex, response));
    }

    private protected void Terminate()
    {
        Timers.CancelAll();
        Context.Stop(Self);
    }

    private void OnSendCompleted(SendResult result)
    {
        if (!result.Sent)
        {
            Report(new ClientTransportError(Start.BranchIndex, result.Error ?? "send failed"));
            Terminate();
        }
    }
}
