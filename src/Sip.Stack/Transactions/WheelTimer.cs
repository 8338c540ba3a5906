using Akka.Actor;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>
/// One timer of one transaction, made the first time it starts and reused for every restart: the message its owner's
/// actor receives when it fires is the timer itself. Restarting or cancelling it starts a new generation, so a firing
/// already on its way in the mailbox is ignored (<see cref="TryConsume"/>), as with Akka's TimerScheduler.
/// </summary>
internal sealed class WheelTimer
{
    private readonly TimerWheel _wheel;

    internal WheelTimer(TimerWheel wheel, IActorRef target, object owner, TransactionTimer timer, WheelTimer? nextOfOwner)
    {
        _wheel = wheel;
        Target = target;
        Owner = owner;
        Timer = timer;
        NextOfOwner = nextOfOwner;
    }

    public TransactionTimer Timer { get; }

    /// <summary>The state machine the timer belongs to: a client transaction, or the transaction actor itself.</summary>
    public object Owner { get; }

    internal IActorRef Target { get; }

    /// <summary>The owner's next timer (an owner keeps its few timers in a list through this).</summary>
    internal WheelTimer? NextOfOwner { get; }

    // The wheel's state, guarded by its lock.
    internal WheelTimer? Previous { get; set; }

    internal WheelTimer? Next { get; set; }

    internal int Slot { get; set; } = -1;

    internal long Deadline { get; set; }

    internal int Generation { get; set; }

    /// <summary>The generation that fired and is not consumed yet; 0 when none.</summary>
    internal int FiredGeneration { get; set; }

    /// <summary>Starts the timer, replacing a running or fired-but-unreceived one; zero length fires at once.</summary>
    public void Start(TimeSpan duration) => _wheel.Start(this, duration);

    public void Cancel() => _wheel.Cancel(this);

    /// <summary>On receipt of the timer by its owner: true when this is the firing of its current start (once).</summary>
    public bool TryConsume() => _wheel.TryConsume(this);

    /// <summary>The owner's timer <paramref name="timer"/> from its list at <paramref name="first"/>, added when it has none yet.</summary>
    internal static WheelTimer Of(ref WheelTimer? first, TimerWheel wheel, IActorRef target, object owner, TransactionTimer timer)
    {
        for (var t = first; t is not null; t = t.NextOfOwner)
        {
            if (t.Timer == timer)
            {
                return t;
            }
        }

        return first = new WheelTimer(wheel, target, owner, timer, first);
    }

    /// <summary>Cancels every timer of the owner's list at <paramref name="first"/>.</summary>
    internal static void CancelAll(WheelTimer? first)
    {
        for (var t = first; t is not null; t = t.NextOfOwner)
        {
            t.Cancel();
        }
    }

    /// <summary>Cancels the owner's timer <paramref name="timer"/>, if it ever started.</summary>
    internal static void Cancel(WheelTimer? first, TransactionTimer timer)
    {
        for (var t = first; t is not null; t = t.NextOfOwner)
        {
            if (t.Timer == timer)
            {
                t.Cancel();
                return;
            }
        }
    }
}
