using Akka.Actor;
using ClusterSip.Sip.Messages;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>
/// The actor of a locally generated request's client transaction (<see cref="StartUacTransaction"/>): reports to its
/// owner with <see cref="ClientResponse"/>, <see cref="ClientTimeout"/> and <see cref="ClientTransportError"/>, takes
/// <see cref="CancelClientTransaction"/>, and stops when the transaction (and a CANCEL it sent) ended.
/// </summary>
public sealed class UacTransaction : TransactionActor, IClientTransactionHost
{
    private readonly ClientTransactionStart _start;
    private readonly IActorRef _owner;
    private readonly List<ClientTransaction> _live = [];
    private ClientTransaction? _transaction;

    private UacTransaction(TransactionEnvironment env, ClientTransactionStart start, IActorRef owner)
    {
        Env = env;
        _start = start;
        _owner = owner;
    }

    public TransactionEnvironment Env { get; }

    IActorRef IClientTransactionHost.Self => Self;

    TimerWheel IClientTransactionHost.Wheel => Wheel;

    /// <summary>Props for the actor; its system must run a <see cref="TransactionLayer"/> (which registers the dispatcher).</summary>
    public static Props Props(TransactionEnvironment env, ClientTransactionStart start, IActorRef owner) =>
        TransactionProps.Of(() => new UacTransaction(env, start, owner));

    void IClientTransactionHost.OnClientStarted(ClientTransaction client) => _live.Add(client);

    void IClientTransactionHost.OnClientResponse(ClientTransaction client, SipResponse response, bool faked) =>
        _owner.Tell(faked switch
        {
            false => new ClientResponse(client.BranchIndex, response),
            true when client.TransportError is { } error => new ClientTransportError(client.BranchIndex, error),
            true => new ClientTimeout(client.BranchIndex, client.HadProvisional),
        });

    void IClientTransactionHost.OnClientEnded(ClientTransaction client)
    {
        _live.Remove(client);
        if (_live.Count == 0)
        {
            Context.Stop(Self);
        }
    }

    protected override void PreStart() => _transaction = ClientTransaction.Begin(this, _start);

    protected override void PostStop()
    {
        foreach (var client in _live)
        {
            client.Abandon();
        }
    }

    private protected override bool Handle(object message)
    {
        switch (message)
        {
            case ClientInbound inbound:
                inbound.Transaction.Handle(inbound);
                return true;
            case WheelTimer { Owner: ClientTransaction client } timer:
                client.Handle(timer);
                return true;
            case ClientSendCompleted completed:
                completed.Transaction.Handle(completed);
                return true;
            case CancelClientTransaction:
                _transaction?.Cancel();
                return true;
            default:
                return false;
        }
    }
}
