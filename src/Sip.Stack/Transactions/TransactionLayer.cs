using Akka.Actor;
using Akka.Event;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>
/// The transaction layer as the transports see it: an <see cref="ISipMessageSink"/> that matches every inbound message
/// to its transaction (RFC 3261 17.1.3, 17.2.3) on the transport's thread and tells that actor directly. A new request
/// goes to the <see cref="TransactionManager"/>; a message without a transaction goes up to the <see cref="ITransactionUser"/>.
/// </summary>
public sealed class TransactionLayer : ISipMessageSink
{
    private readonly TransactionEnvironment _env;

    private TransactionLayer(IActorRef manager, TransactionEnvironment env)
    {
        Manager = manager;
        _env = env;
    }

    /// <summary>What the layer's transactions share.</summary>
    public TransactionEnvironment Environment => _env;

    /// <summary>The transaction manager actor (also accepts <see cref="StartUacTransaction"/> and <see cref="GetTransactionCounts"/>).</summary>
    public IActorRef Manager { get; }

    /// <summary>Starts the transaction manager as a top-level actor named <paramref name="name"/>, on the <see cref="TransactionDispatcher"/>.</summary>
    public static TransactionLayer Start(ActorSystem system, TransactionEnvironment env, string name = "tm")
    {
        TransactionDispatcher.Register(system);
        var layer = new TransactionLayer(system.ActorOf(TransactionManager.Props(env), name), env);
        var redelivery = system.ActorOf(InboundRedelivery.Props(layer), name + "-redelivery");
        system.EventStream.Subscribe(redelivery, typeof(DeadLetter)); // before Start returns: nothing is missed
        return layer;
    }

    public void OnMessage(InboundMessage message)
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
        if ((TransactionKey.ForClientResponse(response) is { } key ? _env.Index.FindClientEntry(key) : null) is { } entry)
        {
            entry.Deliver(message, response, _env);
        }
        else
        {
            _env.User.OnStrayResponse(response);
        }
    }

    private void OnRequest(InboundMessage message, SipRequest request)
    {
        var settings = _env.Settings;
        var isAck = request.Method == SipMethods.Ack;
        if (TransactionKey.ForServer(request, isAck ? SipMethods.Invite : request.Method, settings.RuriMatching, settings.Via1Matching) is not { } key)
        {
            return; // no Via or CSeq: nowhere to answer
        }

        if (_env.Index.FindServerEntry(key) is { } existing)
        {
            existing.Deliver(message, _env); // a retransmission, or the ACK of a non-2xx final response
        }
        else if (isAck)
        {
            _env.User.OnStatelessRequest(message); // the ACK of a 2xx is end to end: no transaction (17.2.3)
        }
        else
        {
            Manager.Tell(new NewServerRequest(message, request, key));
        }
    }
}
