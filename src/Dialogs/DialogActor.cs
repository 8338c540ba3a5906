using Akka.Actor;
using Akka.Event;
using ClusterSip.CallEvents;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Actors;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Dialogs;

/// <summary>
/// One call's dialog (a child of one of its node's <see cref="DialogParents"/>, named by the call id, made by <see cref="Create"/>). Feeds each input to the
/// <see cref="Dialog"/>, sends the BYEs it asks for, and delivers its call events at least once: each goes to the event
/// sink with this actor as sender and is sent again (after the resend interval, then backing off) until a
/// <see cref="CallEventAck"/> for it comes back. The actor stops once the dialog ended and every event was acknowledged (or after the resend limit).
/// </summary>
/// <remarks>
/// Its timers are the scheduler's own, not <see cref="IWithTimers"/>: Akka's per-actor timer scheduler, its dictionary
/// and a timer object per start are about 350 bytes more per dialog, which waits hours with its timeout armed. The
/// resend timer is not cancelled when the last event is acknowledged, nor armed again for each event: events follow
/// one another within the interval (a call set up and released at once emits all of them), and a timer per event
/// would cost more than the one firing with nothing to repeat. It stays armed while events wait, and is the one that
/// gives them up.
/// </remarks>
public sealed class DialogActor : UntypedActor
{
    private static readonly TimeSpan MaxResendDelay = TimeSpan.FromSeconds(16);
    private static readonly Props Template = DirectProps.Template<DialogActor>();

    private readonly DialogServices _services;
    private readonly Dialog _dialog;
    private readonly List<Unacknowledged> _unacknowledged = [];
    private TimeSpan _resendDelay;
    private TimeSpan? _giveUpAt; // once the dialog ended
    private ICancelable? _timeout;
    private ICancelable? _resend; // null once it fired

    public DialogActor(Dialog dialog, DialogServices services)
    {
        _services = services;
        _dialog = dialog;
        _resendDelay = services.Settings.EventResendInterval;
    }

    /// <summary>
    /// Creates the dialog of <paramref name="start"/> as a child of the parent <paramref name="spawner"/> spawns under,
    /// and registers it, on the calling thread: its actor can be told at once, from any thread.
    /// </summary>
    /// <exception cref="InvalidOperationException">The parent is stopping.</exception>
    /// <exception cref="InvalidActorNameException">A dialog of that call id exists already.</exception>
    public static LocalDialog Create(ChildSpawner spawner, DialogStart start, DialogServices services)
    {
        var dialog = new Dialog(start, DateTimeOffset.UtcNow);
        var local = new LocalDialog(spawner.Spawn(DirectProps.Of(Template, () => new DialogActor(dialog, services)), start.CallId), dialog);
        services.Registry.Add(local);
        return local;
    }

    // A switch rather than ReceiveActor's handlers: those are objects of each instance, about 700 bytes a dialog.
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case EndDialog end:
                Apply(end);
                Sender.Tell(new EndResult(_dialog.State == DialogState.Terminated, _dialog.State));
                break;
            case IDialogInput input:
                Apply(input);
                break;
            case GetDialog:
                Sender.Tell(new DialogDetails(_dialog.Summary(), _dialog.Answered));
                break;
            case CallEventAck ack:
                OnAck(ack);
                break;
            case ResendEvents:
                _resend = null;
                Resend();
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    protected override void PreStart()
    {
        _services.Statistics.Created();
        Publish(_dialog.Begin());
    }

    protected override void PostStop()
    {
        _timeout?.Cancel();
        _resend?.Cancel();
        _services.Registry.Remove(_dialog.Start.CallId, _dialog.Start.SipCallId);
        if (_dialog.State != DialogState.Terminated)
        {
            _services.Statistics.ExtraDialogs(-_dialog.ExtraDialogs, expired: false);
            _services.Statistics.Discarded(_dialog.State);
        }
    }

    private void Apply(IDialogInput input)
    {
        var (before, extraBefore) = (_dialog.State, _dialog.ExtraDialogs);
        var output = _dialog.Handle(input, DateTimeOffset.UtcNow);
        var after = _dialog.State;
        if (_dialog.ExtraDialogs != extraBefore)
        {
            _services.Statistics.ExtraDialogs(_dialog.ExtraDialogs - extraBefore, input is DialogTimedOut);
        }

        if (after != before)
        {
            _services.Events.Publish(DialogStateEvent.Of(_dialog.Start.SipCallId, _dialog.Start.CallId, before, after));
            _services.Statistics.Changed(before, after, input is DialogTimedOut);
            if (after == DialogState.Confirmed)
            {
                _timeout = Schedule(_services.Settings.DefaultTimeout, DialogTimedOut.Instance);
            }
            else if (after == DialogState.Terminated)
            {
                _timeout?.Cancel(); // one already sent finds the dialog terminated, which ignores it
                _giveUpAt = Now + _services.Settings.EventResendLimit;
            }
        }

        if (input is InDialogRequest { Method: SipMethods.Invite or SipMethods.Update, Contact: not null } refresh && after == DialogState.Confirmed)
        {
            UpdateTargets(refresh);
        }

        for (var i = 0; i < output.Requests.Count; i++)
        {
            _services.Requests.Tell(new SendDialogRequest(_dialog.Start.CallId, output.Requests[i]));
        }

        Publish(output);
    }

    /// <summary>
    /// A target refresh (RFC 3261 12.2.2) goes into the route, parsed there once for the requests relayed after it. The
    /// targets are the text of URIs the transport parsed, so they parse again.
    /// </summary>
    private void UpdateTargets(InDialogRequest refresh)
    {
        if (_dialog.DialogOf(refresh.FromTag, refresh.ToTag) is { } answered)
        {
            _services.Registry.UpdateRoute(_dialog.Start.SipCallId, _dialog.Start.CallId,
                static (r, a) => r.WithTargets(a.CalleeTag, Parse(a.CallerTarget), Parse(a.CalleeTarget)), answered);
        }

        static AnyUri? Parse(string? target) => target is null ? null : AnyUri.Parse(target);
    }

    private void Publish(DialogOutput output)
    {
        var keep = !_services.EventSink.IsNobody();
        var now = Now;
        for (var i = 0; i < output.Events.Count; i++) // no boxed enumerator per input
        {
            var e = output.Events[i];
            _services.EventSink.Tell(e, Self);
            if (keep)
            {
                _unacknowledged.Add(new Unacknowledged(e, now));
            }
        }

        if (_unacknowledged.Count > 0 && _resend is null)
        {
            ArmResend(_resendDelay);
        }

        StopWhenDone();
    }

    /// <summary>
    /// Sends again each unacknowledged event last sent at least the current delay ago, the delay doubling (up to
    /// <see cref="MaxResendDelay"/>) each round until an acknowledgement comes back: a consumer that is slow rather than
    /// gone is not buried under repeats, and no event is repeated sooner than the delay after its sending. With nothing
    /// left to repeat the timer stops until the next event; an ended dialog past the resend limit gives its events up.
    /// </summary>
    private void Resend()
    {
        if (_unacknowledged.Count == 0) return;
        var now = Now;
        if (now >= _giveUpAt)
        {
            Context.GetLogger().Warning("dialog {0}: {1} call events were never acknowledged (sequences {2}); giving them up",
                _dialog.Start.CallId, _unacknowledged.Count, string.Join(", ", _unacknowledged.Select(u => u.Event.Sequence)));
            Context.Stop(Self);
            return;
        }

        var delay = _resendDelay;
        var resent = false;
        for (var i = 0; i < _unacknowledged.Count; i++)
        {
            if (now - _unacknowledged[i].SentAt >= delay)
            {
                _services.EventSink.Tell(_unacknowledged[i].Event, Self);
                _unacknowledged[i] = _unacknowledged[i] with { SentAt = now };
                resent = true;
            }
        }

        if (resent)
        {
            _resendDelay = TimeSpan.FromTicks(Math.Min(_resendDelay.Ticks * 2, Math.Max(MaxResendDelay.Ticks, _services.Settings.EventResendInterval.Ticks)));
        }

        var due = TimeSpan.MaxValue;
        for (var i = 0; i < _unacknowledged.Count; i++)
        {
            due = TimeSpan.FromTicks(Math.Min(due.Ticks, (_unacknowledged[i].SentAt + _resendDelay).Ticks));
        }

        ArmResend((_giveUpAt is { } giveUpAt && giveUpAt < due ? giveUpAt : due) - now);
    }

    private void ArmResend(TimeSpan delay) => _resend = Schedule(delay, ResendEvents.Instance);

    private TimeSpan Now => Context.System.Scheduler.MonotonicClock;

    private ICancelable Schedule(TimeSpan delay, object message) => Context.System.Scheduler.ScheduleTellOnceCancelable(delay, Self, message, Self);

    private void OnAck(CallEventAck ack)
    {
        if (ack.CallId == _dialog.Start.CallId && RemoveUnacknowledged(ack.Sequence))
        {
            _resendDelay = _services.Settings.EventResendInterval;
            if (_unacknowledged.Count == 0 && _dialog.State == DialogState.Confirmed)
            {
                _unacknowledged.Capacity = 0; // nothing more until the call ends, maybe hours away
            }
        }

        StopWhenDone();
    }

    // A loop, not RemoveAll with a lambda: no closure and delegate per acknowledgement.
    private bool RemoveUnacknowledged(long sequence)
    {
        var removed = false;
        for (var i = _unacknowledged.Count - 1; i >= 0; i--)
        {
            if (_unacknowledged[i].Event.Sequence == sequence)
            {
                _unacknowledged.RemoveAt(i);
                removed = true;
            }
        }

        return removed;
    }

    private void StopWhenDone()
    {
        if (_dialog.State == DialogState.Terminated && _unacknowledged.Count == 0)
        {
            Context.Stop(Self);
        }
    }

    private sealed record ResendEvents
    {
        public static readonly ResendEvents Instance = new();
    }

    /// <summary>An event waiting for its acknowledgement, and when it was last sent (the scheduler's monotonic clock).</summary>
    private readonly record struct Unacknowledged(CallEvent Event, TimeSpan SentAt);
}
