using Akka.Actor;
using Akka.Event;
using ClusterSip.Presence.Agent;
using ClusterSip.Presence.B2b;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Presence;

/// <summary>An internal subscription that cannot be served: the reason says why.</summary>
public sealed record PresenceRequestRejected(string Presentity, string Subscriber, string Reason);

/// <summary>
/// Where internal subscriptions go: to the agent's own state for its domains when accept_internal_subscriptions is
/// on, otherwise to the B2B UA when handle_presence_subscriptions is on; anything else is rejected with a reason.
/// The B2B UA gets at most <c>starting-subscriptions</c> subscriptions of this node at once, each until its watcher is
/// journaled (or <paramref name="startTimeout"/> passes: its node may have gone); the rest wait in order, and an
/// unsubscribe waits behind them, so it never overtakes its subscribe.
/// </summary>
public sealed class InternalSubscriptionRouter : UntypedActor, IWithTimers
{
    private readonly IActorRef _subscriptions;
    private readonly IActorRef _agent;
    private readonly PresenceB2bSettings _b2b;
    private readonly PresenceAgentSettings _agentSettings;
    private readonly TimeSpan _startTimeout;
    private readonly Queue<object> _waiting = new();
    private readonly HashSet<long> _starting = [];
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private long _nextTicket;

    public InternalSubscriptionRouter(IActorRef subscriptions, IActorRef agent, PresenceB2bSettings b2b, PresenceAgentSettings agentSettings, TimeSpan startTimeout)
    {
        _subscriptions = subscriptions;
        _agent = agent;
        _b2b = b2b;
        _agentSettings = agentSettings;
        _startTimeout = startTimeout;
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="startTimeout">How long a started subscription may take to be journaled before its place is given to the next.</param>
    public static Props Props(IActorRef subscriptions, IActorRef agent, PresenceB2bSettings b2b, PresenceAgentSettings agentSettings, TimeSpan? startTimeout = null) =>
        Akka.Actor.Props.Create(typeof(InternalSubscriptionRouter), subscriptions, agent, b2b, agentSettings, startTimeout ?? TimeSpan.FromSeconds(30));

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case SubscribePresence s:
                Route(s, s.Presentity, s.Subscriber, s.ReplyTo);
                break;
            case UnsubscribePresence u:
                Route(u, u.Presentity, u.Subscriber, u.ReplyTo);
                break;
            case SubscriptionStarted started:
                Done(started.Ticket);
                break;
            case StartTimedOut timedOut when _starting.Contains(timedOut.Ticket):
                _log.Warning("An internal presence subscription was not journaled within {0} (its node lost?); the next one starts", _startTimeout);
                Done(timedOut.Ticket);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void Route(object message, string presentity, string subscriber, IActorRef replyTo)
    {
        var (_, error) = SubscriptionKey.TryOf(presentity, subscriber);
        if (error is not null)
        {
            replyTo.Tell(new PresenceRequestRejected(presentity, subscriber, error));
        }
        else if (_agentSettings.AcceptInternalSubscriptions && _agentSettings.Serves(AnyUri.Parse(presentity)))
        {
            _agent.Tell(message);
        }
        else if (_b2b.HandlePresenceSubscriptions)
        {
            _waiting.Enqueue(message);
            Next();
        }
        else
        {
            replyTo.Tell(new PresenceRequestRejected(presentity, subscriber, "handle_presence_subscriptions is 0: internal subscriptions are ignored"));
        }
    }

    private void Done(long ticket)
    {
        if (_starting.Remove(ticket))
        {
            Timers.Cancel(ticket);
            Next();
        }
    }

    private void Next()
    {
        while (_waiting.TryPeek(out var message) && (message is UnsubscribePresence || _starting.Count < _b2b.StartingSubscriptions))
        {
            _waiting.Dequeue();
            if (message is SubscribePresence subscribe)
            {
                var ticket = ++_nextTicket;
                _starting.Add(ticket);
                Timers.StartSingleTimer(ticket, new StartTimedOut(ticket), _startTimeout);
                _subscriptions.Tell(new StartSubscription(subscribe, ticket, Self));
            }
            else
            {
                _subscriptions.Tell(message);
            }
        }
    }

    private sealed record StartTimedOut(long Ticket);
}
