using Akka.Actor;
using Akka.Event;
using ClusterSip.Sip.Stack.Proxy;
using ClusterSip.Sip.Stack.Transactions;

namespace ClusterSip.Dialogs;

/// <summary>
/// Sends the requests dialogs make on their own (BYE) through the transaction layer, each in a client transaction
/// whose outcome it logs when the far end did not accept it. Holds requests back until the node gives it the
/// <see cref="LocalRequestSender"/> (the layer starts after the dialogs' request hook exists).
/// </summary>
public sealed class DialogRequestSender : ReceiveActor, IWithUnboundedStash
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<int, SendDialogRequest> _pending = [];
    private int _nextTag;

    public DialogRequestSender()
    {
        Receive<UseSender>(use =>
        {
            Become(() => Sending(use.Sender));
            Stash.UnstashAll();
        });
        ReceiveAny(_ => Stash.Stash());
    }

    public IStash Stash { get; set; } = null!;

    public static Props Props() => Akka.Actor.Props.Create(() => new DialogRequestSender());

    private void Sending(LocalRequestSender sender)
    {
        Receive<SendDialogRequest>(send =>
        {
            var tag = ++_nextTag;
            _pending[tag] = send;
            sender.Send(send.Request, Self, tag);
        });
        Receive<ClientResponse>(r => r.Response.IsFinal, r =>
        {
            if (_pending.Remove(r.BranchIndex, out var sent) && r.Response.StatusCode >= 300)
            {
                _log.Warning("dialog {0}: {1} to {2} was answered {3} {4}", sent.CallId, sent.Request.Method, sent.Request.RequestUri, r.Response.StatusCode, r.Response.ReasonPhrase);
            }
        });
        Receive<ClientResponse>(_ => { });
        Receive<ClientTimeout>(t => Failed(t.BranchIndex, "no response (timeout)"));
        Receive<ClientTransportError>(e => Failed(e.BranchIndex, e.Error));
    }

    private void Failed(int tag, string why)
    {
        if (_pending.Remove(tag, out var sent))
        {
            _log.Warning("dialog {0}: {1} to {2} failed: {3}", sent.CallId, sent.Request.Method, sent.Request.RequestUri, why);
        }
    }

    /// <summary>The transaction layer is up: send through it.</summary>
    public sealed record UseSender(LocalRequestSender Sender);
}
