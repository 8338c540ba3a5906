using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using ClusterSip.Sip;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;
using ClusterSip.Sip.Stack.Routing;

namespace ClusterSip.Presence.Agent;

/// <summary>
/// The presence agent for one presentity, a sharding entity: answers PUBLISH and SUBSCRIBE through
/// <see cref="PresentityState"/>, journals every change before answering, sends NOTIFYs through the
/// <see cref="IRequestSender"/> port, and serves internal subscriptions (accept_internal_subscriptions). A change of
/// the composed status is also raised as the route event <see cref="PresenceEvent"/>.
/// </summary>
public sealed class PresentityActor : UntypedPersistentActor, IWithTimers
{
    private const string ExpiryTimer = "expiry";

    private readonly string _key;
    private readonly PresenceAgentSettings _settings;
    private readonly IRequestSender _sender;
    private readonly PresentityState _state;
    private readonly PresenceEventRaiser _presenceEvents;
    private readonly Dictionary<string, (IActorRef Ref, string Subscriber, bool WithPidf)> _internal = [];
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public PresentityActor(string key, PresenceAgentSettings settings, IRequestSender sender, IRouteEventPublisher events)
    {
        _key = key;
        _settings = settings;
        _sender = sender;
        _state = new PresentityState(key, settings);
        _presenceEvents = new PresenceEventRaiser(events, key, (PresenceEvent.Source, PresenceEvent.FromAgent));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public override string PersistenceId => "presence-agent/" + _key;

    public static Props Props(string key, PresenceAgentSettings settings, IRequestSender sender, IRouteEventPublisher events) =>
        Akka.Actor.Props.Create(typeof(PresentityActor), key, settings, sender, events);

    private DateTimeOffset Now => Context.System.Scheduler.Now;

    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case InternalWatcherAdded added:
                _internal[added.Path] = (((ExtendedActorSystem)Context.System).Provider.ResolveActorRef(added.Path), added.Subscriber, added.WithPidf);
                break;
            case InternalWatcherRemoved removed:
                _internal.Remove(removed.Path);
                break;
            case RecoveryCompleted:
                _state.Recovered(Now);
                if (_state.NextExpiry is not null)
                {
                    Expire();
                }

                break;
            default:
                _state.Apply(message);
                break;
        }
    }

    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case AgentRequest request:
                OnRequest(request);
                break;
            case SubscribePresence subscribe:
                var path = Akka.Serialization.Serialization.SerializedActorPath(subscribe.ReplyTo);
                Persist(new InternalWatcherAdded(path, subscribe.Subscriber, subscribe.WithPidf), added =>
                {
                    _internal[added.Path] = (subscribe.ReplyTo, added.Subscriber, added.WithPidf);
                    subscribe.ReplyTo.Tell(StatusFor(added.Subscriber, added.WithPidf));
                });
                break;
            case UnsubscribePresence unsubscribe:
                var leaving = Akka.Serialization.Serialization.SerializedActorPath(unsubscribe.ReplyTo);
                if (_internal.ContainsKey(leaving))
                {
                    Persist(new InternalWatcherRemoved(leaving), removed => _internal.Remove(removed.Path));
                }

                break;
            case RequestAnswered { Response: { IsFinal: true, IsSuccess: false } response }:
                DropWatcher(response.CallId, response.From?.Tag, $"{response.StatusCode} {response.ReasonPhrase}");
                break;
            case RequestFailed failed:
                DropWatcher(failed.CallId, null, failed.Reason);
                break;
            case RequestAnswered:
                break;
            case ExpireNow:
                Expire();
                break;
            case GetPresentity:
                Sender.Tell(new PresentityInfo(_key, _state.Composed, _state.Publications.Count, _state.Watchers.Count, _internal.Count));
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void OnRequest(AgentRequest request)
    {
        SipRequest sip;
        try
        {
            sip = (SipRequest)SipParser.Parse(request.Message);
        }
        catch (SipParseException e)
        {
            _log.Warning("Presence agent {0}: unreadable request: {1}", _key, e.Reason);
            if (e.CreateErrorResponse() is { } error)
            {
                request.ReplyTo.Tell(new AgentResponse(error.ToBytes()));
            }

            return;
        }

        var decision = sip.Method switch
        {
            SipMethods.Publish => _state.Publish(sip, Now),
            SipMethods.Subscribe => _state.Subscribe(sip, Now),
            _ => NotAllowed(sip),
        };
        PersistAll(decision.Events, _state.Apply);
        DeferAsync(decision, done =>
        {
            request.ReplyTo.Tell(new AgentResponse(done.Response.ToBytes()));
            Effects(done.Notifies, done.StateChanged);
        });
    }

    private void Expire()
    {
        var (events, notifies, changed) = _state.Expire(Now);
        PersistAll(events, _state.Apply);
        DeferAsync(events, _ => Effects(notifies, changed));
    }

    /// <summary>NOTIFYs for the watchers the decision named, then for everyone when the composed state changed.</summary>
    private void Effects(IReadOnlyList<NotifyTarget> notifies, bool stateChanged)
    {
        var targets = notifies.ToList();
        if (stateChanged)
        {
            targets.AddRange(_state.AllWatchers(Now).Where(w => targets.All(t => t.Dialog.Id != w.Dialog.Id)));
            foreach (var (watcher, subscriber, withPidf) in _internal.Values)
            {
                watcher.Tell(StatusFor(subscriber, withPidf));
            }

            _presenceEvents.Changed(_state.Composed);
        }

        foreach (var target in targets)
        {
            var notify = _state.CreateNotify(target);
            _sender.Send(notify, null, Self);
        }

        if (_state.NextExpiry is { } next)
        {
            Timers.StartSingleTimer(ExpiryTimer, ExpireNow.Instance, next > Now ? next - Now : TimeSpan.Zero);
        }
        else
        {
            Timers.Cancel(ExpiryTimer);
            PassivateWhenEmpty();
        }
    }

    /// <summary>A NOTIFY the watcher refused (481 and the like) or that got no answer ends its subscription (RFC 6665 4.2.2).</summary>
    private void DropWatcher(string? callId, string? localTag, string reason)
    {
        var dialog = _state.Watchers.FirstOrDefault(w => w.CallId == callId && (localTag is null || w.LocalTag == localTag));
        if (dialog is null)
        {
            return;
        }

        _log.Info("Presence agent {0}: watcher {1} removed after its NOTIFY failed ({2})", _key, dialog.Subscriber, reason);
        Persist(new WatcherRemoved(dialog.Id), removed =>
        {
            _state.Apply(removed);
            PassivateWhenEmpty();
        });
    }

    private PresenceStatus StatusFor(string subscriber, bool withPidf)
    {
        var document = _state.Composed;
        return new PresenceStatus(_key, subscriber, document, withPidf ? Sip.Presence.PidfWriter.ToXml(document) : null);
    }

    private static AgentDecision NotAllowed(SipRequest request)
    {
        var response = SipResponse.CreateFor(request, 405);
        response.Headers.Add(HeaderNames.Allow, "PUBLISH, SUBSCRIBE");
        return AgentDecision.Reply(response);
    }

    private void PassivateWhenEmpty()
    {
        if (_state.Publications.Count == 0 && _state.Watchers.Count == 0 && _internal.Count == 0)
        {
            Context.Parent.Tell(new Passivate(PoisonPill.Instance));
        }
    }

    private sealed record ExpireNow
    {
        public static readonly ExpireNow Instance = new();
    }
}
