using Akka.Actor;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>
/// What every transaction actor shares: named timers, and message dispatch by a plain type switch (a ReceiveActor
/// compiles its handlers for every instance, and there is an instance a transaction).
/// </summary>
public abstract class TransactionActor : UntypedActor, IWithTimers
{
    public ITimerScheduler Timers { get; set; } = null!;

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

    /// <summary>Starts a timer; one of zero length (RFC 3261 timers D, I, J, K on reliable transports) fires at once.</summary>
    private protected void StartTimer(TransactionTimer timer, TimeSpan duration)
    {
        var message = TimerFired.Of(timer);
        if (duration == TimeSpan.Zero)
        {
            Self.Tell(message);
        }
        else
        {
            Timers.StartSingleTimer(message, message, duration);
        }
    }

    private protected void CancelTimer(TransactionTimer timer) => Timers.Cancel(TimerFired.Of(timer));
}
