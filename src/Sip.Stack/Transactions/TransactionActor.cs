using Akka.Actor;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>
/// What every transaction actor shares: its timers on the <see cref="TimerWheel"/>, and message dispatch by a plain
/// type switch (a ReceiveActor compiles its handlers for every instance, and there is an instance a transaction).
/// </summary>
public abstract class TransactionActor : UntypedActor
{
    private TimerWheel? _wheel;
    private WheelTimer? _timers;

    internal TimerWheel Wheel => _wheel ??= TimerWheel.For(Context.System);

    protected sealed override void OnReceive(object message)
    {
        if (!Handle(message) && !OnOtherMessage(message))
        {
            Unhandled(message);
        }
    }

    /// <summary>The messages every transaction of the kind handles; false when <paramref name="message"/> is not one.</summary>
    private protected abstract bool Handle(object message);

    /// <summary>A message only one state machine handles; false when it is not handled.</summary>
    private protected virtual bool OnOtherMessage(object message) => false;

    /// <summary>Starts (or restarts) a timer; one of zero length (RFC 3261 timers D, I, J, K on reliable transports) fires at once.</summary>
    private protected void StartTimer(TransactionTimer timer, TimeSpan duration) =>
        WheelTimer.Of(ref _timers, Wheel, Self, this, timer).Start(duration);

    private protected void CancelTimer(TransactionTimer timer) => WheelTimer.Cancel(_timers, timer);

    private protected void CancelTimers() => WheelTimer.CancelAll(_timers);

    /// <summary>The timer, when it is one of this actor's own that fired for its current start; each firing counts once.</summary>
    private protected bool IsOwnFiring(WheelTimer timer) => timer.Owner == this && timer.TryConsume();
}
