using Akka.Actor;
using Akka.Event;
using ClusterSip.Sip.Headers;
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
    private const string ShedRetryAfter = "1";

    // The To tag of every shed 503, so that the caller's ACK of it is absorbed rather than routed as an end-to-end ACK
    // (Kamailio's sl module marks its stateless replies the same way).
    private const string ShedToTag = "cs-shed";

    private readonly TransactionEnvironment _env;
    private readonly IActorRef[] _managers;

    private TransactionLayer(IActorRef[] managers, TransactionEnvironment env)
    {
        _managers = managers;
        _env = env;
    }

    /// <summary>What the layer's transactions share.</summary>
    public TransactionEnvironment Environment => _env;

    /// <summary>The first transaction manager (also accepts <see cref="StartUacTransaction"/> and <see cref="GetTransactionCounts"/>).</summary>
    public IActorRef Manager => _managers[0];

    /// <summary>
    /// Starts the transaction managers (<see cref="TmSettings.Managers"/>) as top-level actors named <paramref name="name"/>,
    /// <paramref name="name"/>-1, ..., on the <see cref="TransactionDispatcher"/>. Creating a transaction is a turn of
    /// one manager, so with one manager every new request of the node waited for that one mailbox.
    /// </summary>
    public static TransactionLayer Start(ActorSystem system, TransactionEnvironment env, string name = "tm")
    {
        var managers = env.Settings.Managers > 0 ? env.Settings.Managers : System.Environment.ProcessorCount;
        TransactionDispatcher.Register(system);
        var refs = Enumerable.Range(0, managers)
            .Select(i => system.ActorOf(TransactionManager.Props(env, sweeps: i == 0), i == 0 ? name : name + "-" + i))
            .ToArray();
        var layer = new TransactionLayer(refs, env);
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
            if (request.ToTag != ShedToTag)
            {
                _env.User.OnStatelessRequest(message); // the ACK of a 2xx is end to end: no transaction (17.2.3)
            }
        }
        else if (message.Overloaded && request.Method != SipMethods.Cancel && request.ToTag is null)
        {
            Shed(message, request);
        }
        else
        {
            _managers[(uint)key.Id.GetHashCode() % (uint)_managers.Length].Tell(new NewServerRequest(message, request, key));
        }
    }

    /// <summary>
    /// A new out-of-dialog request from an overloaded listener is answered 503 with Retry-After (RFC 3261 21.5.4)
    /// without a transaction: a retransmission of it gets another 503, and the calls already begun keep the capacity.
    /// </summary>
    private void Shed(InboundMessage message, SipRequest request)
    {
        _env.Statistics.OverloadReply();
        var response = SipResponse.CreateFor(request, 503, "Service Unavailable (overloaded)", ShedToTag);
        response.Headers.Add(HeaderNames.RetryAfter, ShedRetryAfter);
        _ = _env.Transport.SendResponseAsync(response, message.ConnectionId).AsTask();
    }

    /// <summary>Whether <paramref name="path"/> is one of the layer's transaction managers.</summary>
    internal bool IsManager(ActorPath path) => Array.Exists(_managers, m => m.Path == path);
}
