using Akka.Actor;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Proxy;
using ClusterSip.Sip.Stack.Transport;
using ClusterSip.Sip.Validation;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>
/// The per-node transaction manager: matches every inbound message to its transaction (RFC 3261 17.1.3, 17.2.3),
/// creates a server transaction actor for each new request, and keeps the matching index, from which entries leave
/// when their actor stops (DeathWatch). Messages without a transaction are forwarded statelessly (16.11).
/// </summary>
public sealed class TransactionManager : ReceiveActor
{
    private static readonly SipValidationOptions Validation = new() { Role = ElementRole.Proxy };

    private readonly TransactionEnvironment _env;
    private readonly Dictionary<TransactionKey, IActorRef> _servers = [];
    private readonly Dictionary<TransactionKey, IActorRef> _clients = [];
    private readonly Dictionary<IActorRef, TransactionKey> _serverKeys = [];
    private readonly Dictionary<IActorRef, TransactionKey> _clientKeys = [];
    private readonly HashSet<IActorRef> _uacs = [];

    public TransactionManager(TransactionEnvironment env)
    {
        _env = env;
        Receive<InboundMessage>(OnInbound);
        Receive<RegisterClientTransaction>(OnRegisterClient);
        Receive<StartUacTransaction>(OnStartUac);
        Receive<Terminated>(OnTerminated);
        Receive<GetTransactionCounts>(_ => Sender.Tell(new TransactionCounts(_servers.Count, _clients.Count)));
    }

    /// <summary>A transaction that fails is stopped, never restarted: its request would fail again (bad input kills nothing else).</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);

    public static Props Props(TransactionEnvironment env) => Akka.Actor.Props.Create(() => new TransactionManager(env));

    private TmSettings Settings => _env.Settings;

    private void OnInbound(InboundMessage message)
    {
        if (message.Message is SipResponse response)
        {
            OnResponse(message, response);
        }
        else
        {
            OnRequest(message, (SipRequest)message.Message);
        }
    }

    private void OnResponse(InboundMessage message, SipResponse response)
    {
        _env.Statistics.ReplyReceived();
        if (TransactionKey.ForClientResponse(response) is { } key && _clients.TryGetValue(key, out var client))
        {
            client.Tell(message);
        }
        else
        {
            StatelessForwarder.ForwardResponse(response, _env.Transport);
        }
    }

    private void OnRequest(InboundMessage message, SipRequest request)
    {
        var isAck = request.Method == SipMethods.Ack;
        if (TransactionKey.ForServer(request, isAck ? SipMethods.Invite : request.Method, Settings.RuriMatching, Settings.Via1Matching) is not { } key)
        {
            return; // no Via or CSeq: nowhere to answer
        }

        if (_servers.TryGetValue(key, out var existing))
        {
            existing.Tell(message); // a retransmission, or the ACK of a non-2xx final response
            return;
        }

        if (isAck)
        {
            StatelessForwarder.ForwardRequest(request, _env.Transport, _env.Resolver); // the ACK of a 2xx is end to end: a new branch, no transaction (17.2.3)
            return;
        }

        // Max-Forwards (483) is left to the proxy core: it answers statefully, and t_relay flag 0x02 can keep it quiet.
        var check = SipRequestValidator.Validate(request, Validation);
        if (!check.IsValid && check.StatusCode != 483)
        {
            _env.Statistics.LocalReply();
            _ = _env.Transport.SendResponseAsync(check.CreateResponse(request), message.ConnectionId).AsTask();
            return;
        }

        IActorRef? invite = null;
        if (request.Method == SipMethods.Cancel && TransactionKey.ForServer(request, SipMethods.Invite, Settings.RuriMatching, Settings.Via1Matching) is { } inviteKey)
        {
            _servers.TryGetValue(inviteKey, out invite);
        }

        var start = new ServerTransactionStart(message, invite);
        var actor = Context.ActorOf(request.Method == SipMethods.Invite
            ? ServerInviteTransaction.Props(Self, _env, start)
            : ServerNonInviteTransaction.Props(Self, _env, start));
        _servers[key] = actor;
        _serverKeys[actor] = key;
        Context.Watch(actor);
        _env.Statistics.UasTransactionStarted();
    }

    private void OnRegisterClient(RegisterClientTransaction message)
    {
        _clients[message.Key] = Sender;
        _clientKeys[Sender] = message.Key;
        Context.Watch(Sender);
    }

    private void OnStartUac(StartUacTransaction message)
    {
        var start = new ClientTransactionStart(message.Request, message.Destination, Sender, message.Tag, Settings.FrTimer, Settings.FrInvTimer, Uac: true);
        var actor = Context.ActorOf(message.Request.Method == SipMethods.Invite
            ? ClientInviteTransaction.Props(Self, _env, start)
            : ClientNonInviteTransaction.Props(Self, _env, start));
        _uacs.Add(actor);
        _env.Statistics.UacTransactionStarted();
    }

    private void OnTerminated(Terminated message)
    {
        var actor = message.ActorRef;
        if (_serverKeys.Remove(actor, out var serverKey))
        {
            _servers.Remove(serverKey);
            _env.Statistics.TransactionEnded();
        }

        if (_clientKeys.Remove(actor, out var clientKey) && _clients.TryGetValue(clientKey, out var current) && current.Equals(actor))
        {
            _clients.Remove(clientKey);
        }

        if (_uacs.Remove(actor))
        {
            _env.Statistics.TransactionEnded();
        }
    }
}
