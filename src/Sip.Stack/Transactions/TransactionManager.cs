using Akka.Actor;
using Akka.Event;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Actors;
using ClusterSip.Sip.Stack.Transport;
using ClusterSip.Sip.Validation;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>
/// One of the layer's transaction managers: creates a server transaction actor for each new request the layer gives it
/// (the requests the index did not match whose transaction id falls to it) and the client transactions of locally
/// generated requests. Being the only creator of the server transactions of its ids, it adds them to the index before
/// it takes its next message, so two copies of a new request never make two transactions, and a CANCEL (its INVITE's
/// id) finds its INVITE.
/// </summary>
public sealed class TransactionManager : UntypedActor, IWithTimers
{
    /// <summary>How often expired lingering transactions are removed (the granularity of their wait time).</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromMilliseconds(100);

    private static readonly SipValidationOptions Validation = new() { Role = ElementRole.Proxy };

    private readonly TransactionEnvironment _env;
    private readonly ChildSpawner _spawner;
    private readonly bool _sweeps;

    public TransactionManager(TransactionEnvironment env, bool sweeps)
    {
        _env = env;
        _sweeps = sweeps;
        _spawner = new ChildSpawner(Context, TransactionDispatcher.Id, new SmallMailbox());
    }

    /// <summary>A transaction that fails is stopped, never restarted: its request would fail again (bad input kills nothing else).</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="sweeps">Whether this manager removes the index's expired lingering entries (one of a layer's managers does).</param>
    public static Props Props(TransactionEnvironment env, bool sweeps) => TransactionProps.Of(() => new TransactionManager(env, sweeps));

    private TmSettings Settings => _env.Settings;

    protected override void PreStart()
    {
        if (_sweeps)
        {
            Timers.StartPeriodicTimer(SweepLingering.Instance, SweepLingering.Instance, SweepInterval);
        }
    }

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case NewServerRequest request:
                OnRequest(request.Inbound, request.Request, request.Key);
                break;
            case StartUacTransaction start:
                OnStartUac(start);
                break;
            case GetTransactionCounts:
                Sender.Tell(_env.Index.Counts);
                break;
            case SweepLingering:
                for (var n = _env.Index.Sweep(); n > 0; n--)
                {
                    _env.Statistics.TransactionEnded();
                }

                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void OnRequest(InboundMessage message, SipRequest request, TransactionKey key)
    {
        if (_env.Index.FindServerEntry(key) is { } existing)
        {
            existing.Deliver(message, _env); // a retransmission that arrived while its first copy was on the way here
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
            // A lingering INVITE is matched too: the CANCEL gets its 200 and has nothing left to cancel (RFC 3261 16.10).
            invite = _env.Index.FindServerEntry(inviteKey) switch
            {
                RunningServer running => running.Actor,
                LingeringServer => ActorRefs.Nobody,
                _ => null,
            };
        }

        var start = new ServerTransactionStart(message, key, invite);
        IActorRef actor;
        try
        {
            actor = _spawner.Spawn(request.Method == SipMethods.Invite
                ? ServerInviteTransaction.Props(_env, start)
                : ServerNonInviteTransaction.Props(_env, start));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Context.GetLogger().Error(e, "No transaction could be created for {0} {1}", request.Method, request.CallId);
            _env.Statistics.LocalReply();
            _ = _env.Transport.SendResponseAsync(SipResponse.CreateFor(request, 500), message.ConnectionId).AsTask();
            return;
        }

        _env.Index.AddServer(key, actor);
        _env.Statistics.UasTransactionStarted();
    }

    private void OnStartUac(StartUacTransaction message)
    {
        var start = new ClientTransactionStart(message.Request, message.Destination, message.Tag, Settings.FrTimer, Settings.FrInvTimer, Uac: true);
        _spawner.Spawn(UacTransaction.Props(_env, start, Sender));
        _env.Statistics.UacTransactionStarted();
    }
}
