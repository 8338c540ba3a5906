using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using ClusterSip.Sip;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;
using ClusterSip.Sip.Presence;
using ClusterSip.Sip.Stack.Routing;

namespace ClusterSip.Presence.B2b;

/// <summary>
/// One presence subscription of the B2B UA, for one (presentity, subscriber): turns internal subscriptions into a
/// SUBSCRIBE dialog, refreshes it, retries after errors and delivers each NOTIFY's status to the watchers. Runs as a
/// sharding entity; only its watchers are journaled, so after a node loss it subscribes afresh and keeps notifying.
/// A changed status is also raised as the route event <see cref="PresenceEvent"/>.
/// </summary>
public sealed class SubscriptionActor : UntypedPersistentActor, IWithTimers
{
    private const string SubscribeTimer = "subscribe";
    private const string TermNotifyTimer = "term-notify";

    private readonly string _key;
    private readonly string _presentity;
    private readonly string _subscriber;
    private readonly PresenceB2bSettings _settings;
    private readonly IRequestSender _sender;
    private readonly LocalSubscriptionDialogs _dialogs;
    private readonly PresenceEventRaiser _presenceEvents;
    private readonly Dictionary<string, (IActorRef Ref, bool WithPidf)> _watchers = [];
    private readonly ILoggingAdapter _log = Context.GetLogger();

    private SubscriptionPhase _phase = SubscriptionPhase.Idle;
    private SubscribeDialog? _dialog;
    private int _requestedExpires;
    private bool _requestInFlight;
    private bool _unsubscribeWhenAnswered;
    private DateTimeOffset _lastSentAt;
    private DateTimeOffset? _expiresAt;
    private PresenceStatus? _lastStatus;
    private string? _lastPidf;
    private bool _passivating;

    public SubscriptionActor(string key, PresenceB2bSettings settings, IRequestSender sender, LocalSubscriptionDialogs dialogs, IRouteEventPublisher events)
    {
        _dialogs = dialogs;
        _key = key;
        (_presentity, _subscriber) = SubscriptionKey.Split(key);
        _settings = settings;
        _sender = sender;
        _presenceEvents = new PresenceEventRaiser(events, _presentity, (PresenceEvent.Source, PresenceEvent.FromB2b), (PresenceEvent.Subscriber, _subscriber));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public override string PersistenceId => "presence-b2b/" + _key;

    public static Props Props(string key, PresenceB2bSettings settings, IRequestSender sender, LocalSubscriptionDialogs dialogs, IRouteEventPublisher events) =>
        Akka.Actor.Props.Create(typeof(SubscriptionActor), key, settings, sender, dialogs, events);

    private DateTimeOffset Now => Context.System.Scheduler.Now;

    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case WatcherAdded added:
                _watchers[added.Path] = (((ExtendedActorSystem)Context.System).Provider.ResolveActorRef(added.Path), added.WithPidf);
                break;
            case WatcherRemoved removed:
                _watchers.Remove(removed.Path);
                break;
            case RecoveryCompleted when _watchers.Count > 0:
                _log.Info("Presence subscription {0} recovered with {1} watcher(s); subscribing afresh", _key, _watchers.Count);
                Start();
                break;
        }
    }

    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case SubscribePresence subscribe:
                AddWatcher(subscribe, null);
                return;
            case StartSubscription start:
                AddWatcher(start.Request, start);
                return;
            case UnsubscribePresence unsubscribe:
                RemoveWatcher(unsubscribe.ReplyTo);
                break;
            case IncomingNotify notify:
                OnNotify(notify);
                break;
            case RequestAnswered answered:
                OnResponse(answered.Response);
                break;
            case RequestFailed failed when _dialog is not null && failed.CallId == _dialog.CallId && failed.CSeq == _dialog.CSeq:
                _requestInFlight = false;
                OnFailure(failed.Reason);
                break;
            case SubscribeNow:
                SendSubscribe(_settings.DefaultExpiration);
                break;
            case TermNotifyTimeout:
                _log.Info("Presence subscription {0}: no terminating NOTIFY within wait_for_term_notify; destroyed without it", _key);
                Finish();
                break;
            case EndSubscription end:
                EndAll(end.Reason);
                break;
            case GetSubscription:
                Sender.Tell(new SubscriptionInfo(_key, _presentity, _subscriber, _phase, _expiresAt, _watchers.Count, _lastStatus));
                break;
            default:
                Unhandled(message);
                return;
        }

        PassivateWhenUnused();
    }

    private void AddWatcher(SubscribePresence subscribe, StartSubscription? start)
    {
        var path = Akka.Serialization.Serialization.SerializedActorPath(subscribe.ReplyTo);
        Persist(new WatcherAdded(path, subscribe.WithPidf), added =>
        {
            start?.Starter.Tell(new SubscriptionStarted(start.Ticket));
            _watchers[added.Path] = (subscribe.ReplyTo, added.WithPidf);
            if (_lastStatus is not null)
            {
                subscribe.ReplyTo.Tell(_lastStatus with { Pidf = added.WithPidf ? _lastPidf : null });
            }

            if (_phase is SubscriptionPhase.Idle or SubscriptionPhase.Ended)
            {
                Start();
            }
        });
    }

    private void RemoveWatcher(IActorRef watcher)
    {
        var path = Akka.Serialization.Serialization.SerializedActorPath(watcher);
        if (!_watchers.ContainsKey(path))
        {
            return;
        }

        Persist(new WatcherRemoved(path), _ =>
        {
            _watchers.Remove(path);
            if (_watchers.Count == 0)
            {
                Unsubscribe();
            }
        });
    }

    private void Start()
    {
        _phase = SubscriptionPhase.Delayed;
        if (_settings.MaxSubscribeDelay > TimeSpan.Zero)
        {
            Timers.StartSingleTimer(SubscribeTimer, SubscribeNow.Instance, _settings.MaxSubscribeDelay * Random.Shared.NextDouble());
        }
        else
        {
            SendSubscribe(_settings.DefaultExpiration);
        }
    }

    private void SendSubscribe(int expires)
    {
        if (_dialog is null)
        {
            _dialog = new SubscribeDialog(_presentity, _subscriber);
            _dialogs.Open(_dialog.CallId, _dialog.LocalTag, Self);
        }
        if (!_dialog.IsConfirmed)
        {
            _phase = SubscriptionPhase.Subscribing;
        }

        var request = _dialog.NextSubscribe(_settings, expires);
        _requestedExpires = expires;
        _requestInFlight = true;
        _lastSentAt = Now;
        _sender.Send(request, _settings.PresenceOutboundProxy, Self);
    }

    private void OnResponse(SipResponse response)
    {
        if (_dialog is null || !_dialog.IsResponseToCurrent(response) || response.IsProvisional)
        {
            return;
        }

        _requestInFlight = false;
        if (response.IsSuccess)
        {
            _dialog.Confirm(response);
            if (_phase == SubscriptionPhase.Unsubscribing)
            {
                return;
            }

            _phase = SubscriptionPhase.Active;
            if (_unsubscribeWhenAnswered)
            {
                Unsubscribe();
                return;
            }

            ScheduleRefresh(ExpiresOf(response) ?? _requestedExpires);
        }
        else if (response.StatusCode == 423 && MinExpires(response) is { } min && min > _requestedExpires && _phase != SubscriptionPhase.Unsubscribing)
        {
            SendSubscribe(min);
        }
        else
        {
            OnFailure($"{response.StatusCode} {response.ReasonPhrase}");
        }
    }

    private void OnFailure(string reason)
    {
        EndDialog();
        _expiresAt = null;
        if (_phase == SubscriptionPhase.Unsubscribing || _unsubscribeWhenAnswered)
        {
            Finish();
            return;
        }

        _log.Info("Presence subscription {0} failed ({1}); next try in {2}", _key, reason, _settings.OnErrorRetryTime);
        RetryAfter(_settings.OnErrorRetryTime);
    }

    private void RetryAfter(TimeSpan delay)
    {
        _phase = SubscriptionPhase.Retrying;
        Timers.StartSingleTimer(SubscribeTimer, SubscribeNow.Instance, delay);
    }

    private void ScheduleRefresh(int grantedSeconds)
    {
        var granted = TimeSpan.FromSeconds(grantedSeconds);
        _expiresAt = Now + granted;
        Timers.StartSingleTimer(SubscribeTimer, SubscribeNow.Instance, RefreshSchedule.RefreshDelay(granted, Now - _lastSentAt, _settings));
    }

    private void Unsubscribe()
    {
        _unsubscribeWhenAnswered = false;
        switch (_phase)
        {
            case SubscriptionPhase.Active when _dialog is { IsConfirmed: true }:
                Timers.Cancel(SubscribeTimer);
                SendSubscribe(0);
                _phase = SubscriptionPhase.Unsubscribing;
                Timers.StartSingleTimer(TermNotifyTimer, TermNotifyTimeout.Instance, _settings.WaitForTermNotify);
                break;
            case SubscriptionPhase.Subscribing when _requestInFlight:
                _unsubscribeWhenAnswered = true;
                break;
            case SubscriptionPhase.Unsubscribing:
                break;
            default:
                Finish();
                break;
        }
    }

    /// <summary>The SIP side is over: start again for watchers that came meanwhile, or end.</summary>
    private void Finish()
    {
        Timers.CancelAll();
        EndDialog();
        _expiresAt = null;
        _requestInFlight = false;
        if (_watchers.Count > 0)
        {
            Start();
            return;
        }

        _phase = SubscriptionPhase.Ended;
        PassivateWhenUnused();
    }

    private void EndDialog()
    {
        if (_dialog is not null)
        {
            _dialogs.Close(_dialog.CallId);
            _dialog = null;
        }
    }

    protected override void PostStop()
    {
        EndDialog();
        base.PostStop();
    }

    private void OnNotify(IncomingNotify incoming)
    {
        SipRequest notify;
        try
        {
            notify = (SipRequest)SipParser.Parse(incoming.Message);
        }
        catch (SipParseException e)
        {
            _log.Warning("Presence subscription {0}: unreadable NOTIFY dropped: {1}", _key, e.Reason);
            incoming.ReplyTo.Tell(new NotifyNotMatched(incoming.Key));
            return;
        }

        if (_dialog is null || !_dialog.Matches(notify) || notify.Event is not { Package: var package } || !package.Equals("presence", StringComparison.OrdinalIgnoreCase))
        {
            incoming.ReplyTo.Tell(new NotifyNotMatched(incoming.Key));
            return;
        }

        _dialog.Confirm(notify);
        incoming.ReplyTo.Tell(new NotifyHandled(incoming.Key));
        Deliver(notify);

        var state = SubscriptionStateOf(notify);
        if (state?.IsTerminated == true)
        {
            OnTerminated(state);
        }
        else if (state?.Expires is { } expires && _phase == SubscriptionPhase.Active && !_requestInFlight)
        {
            ScheduleRefresh(expires);
        }
    }

    private void OnTerminated(SubscriptionStateHeader state)
    {
        EndDialog();
        _expiresAt = null;
        _requestInFlight = false;
        if (_phase == SubscriptionPhase.Unsubscribing)
        {
            Finish();
            return;
        }

        if (RefreshSchedule.RetryAfterTermination(state, _settings.OnErrorRetryTime) is { } delay)
        {
            _log.Info("Presence subscription {0} terminated by the notifier ({1}); subscribing again in {2}", _key, state, delay);
            RetryAfter(delay);
            return;
        }

        _log.Info("Presence subscription {0} terminated by the notifier for good ({1})", _key, state);
        Timers.CancelAll();
        _phase = SubscriptionPhase.Ended;
        EndAll(state.ToString());
    }

    /// <summary>Tells every watcher the subscription is over, forgets them, and unsubscribes if a dialog is still up.</summary>
    private void EndAll(string reason)
    {
        foreach (var (watcher, _) in _watchers.Values)
        {
            watcher.Tell(new PresenceSubscriptionEnded(_presentity, _subscriber, reason));
        }

        var paths = _watchers.Keys.ToList();
        if (paths.Count == 0)
        {
            Unsubscribe();
            return;
        }

        PersistAll(paths.Select(p => new WatcherRemoved(p)), removed =>
        {
            _watchers.Remove(removed.Path);
            if (_watchers.Count == 0)
            {
                Unsubscribe();
            }
        });
    }

    private void Deliver(SipRequest notify)
    {
        if (notify.Body.IsEmpty)
        {
            return;
        }

        if (!PidfParser.TryParse(notify.Body.Span, out var document, out var error))
        {
            _log.Warning("Presence subscription {0}: NOTIFY body ignored (answered 200): {1}", _key, error);
            return;
        }

        _lastPidf = System.Text.Encoding.UTF8.GetString(notify.Body.Span);
        _lastStatus = new PresenceStatus(_presentity, _subscriber, document!, null);
        foreach (var (watcher, withPidf) in _watchers.Values)
        {
            watcher.Tell(withPidf ? _lastStatus with { Pidf = _lastPidf } : _lastStatus);
        }

        _presenceEvents.Changed(document!);
    }

    private SubscriptionStateHeader? SubscriptionStateOf(SipRequest notify)
    {
        try
        {
            return notify.SubscriptionState;
        }
        catch (SipParseException e)
        {
            _log.Warning("Presence subscription {0}: malformed Subscription-State taken as active: {1}", _key, e.Reason);
            return null;
        }
    }

    private int? ExpiresOf(SipResponse response)
    {
        try
        {
            return response.Expires;
        }
        catch (SipParseException e)
        {
            _log.Warning("Presence subscription {0}: malformed Expires in the 2xx, taking the requested one: {1}", _key, e.Reason);
            return null;
        }
    }

    private static int? MinExpires(SipResponse response) =>
        int.TryParse(response.Headers.Get(HeaderNames.MinExpires)?.Trim(), out var min) ? min : null;

    private void PassivateWhenUnused()
    {
        if (!_passivating && _watchers.Count == 0 && _phase is SubscriptionPhase.Idle or SubscriptionPhase.Ended)
        {
            _passivating = true;
            DeleteMessages(LastSequenceNr);
            Context.Parent.Tell(new Passivate(PoisonPill.Instance));
        }
    }

    private sealed record SubscribeNow
    {
        public static readonly SubscribeNow Instance = new();
    }

    private sealed record TermNotifyTimeout
    {
        public static readonly TermNotifyTimeout Instance = new();
    }
}
