using System.Diagnostics;
using Akka.Actor;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>
/// The transactions' timers: a hashed wheel of 10 ms ticks, driven by one repeating action of the system's scheduler.
/// Akka's TimerScheduler allocated a registration, a cancelable, a wrapper message and dictionary entries for every
/// start, and ran each timer through the scheduler's own queues; a transaction's <see cref="WheelTimer"/> is made once
/// and linked into a slot. One lock guards the wheel: starts and cancels come from the transactions' threads.
/// Under a scheduler other than Akka's own (a test's virtual time), each start is handed to that scheduler instead, so
/// that its clock drives the timers; the generation check works the same.
/// </summary>
internal sealed class TimerWheel : IExtension
{
    internal static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);

    private const int Slots = 512; // 5.12 s a turn; a longer timer stays in its slot for more turns
    private const int Mask = Slots - 1;

    private readonly object _gate = new();
    private readonly WheelTimer?[] _slots = new WheelTimer?[Slots];
    private readonly List<WheelTimer> _due = [];
    private readonly Func<TimeSpan> _clock;
    private readonly IScheduler? _virtualTime;
    private long _processed;
    private bool _stopped;
    private ICancelable? _driver;

    /// <param name="clock">Time elapsed on a monotonic clock; the wheel fires what is due when <see cref="Process"/> is called.</param>
    internal TimerWheel(Func<TimeSpan> clock)
    {
        _clock = clock;
        _processed = clock().Ticks / Tick.Ticks;
    }

    private TimerWheel(IScheduler virtualTime)
    {
        _virtualTime = virtualTime;
        _clock = () => TimeSpan.Zero;
    }

    internal bool Stopped
    {
        get
        {
            lock (_gate)
            {
                return _stopped;
            }
        }
    }

    /// <summary>The wheel of <paramref name="system"/>, started with it on first use and stopped when it terminates.</summary>
    public static TimerWheel For(ActorSystem system) => system.WithExtension<TimerWheel, Id>();

    internal void Start(WheelTimer timer, TimeSpan duration)
    {
        int generation;
        lock (_gate)
        {
            Unlink(timer);
            generation = ++timer.Generation;
            if (_stopped)
            {
                return;
            }

            if (duration > TimeSpan.Zero && _virtualTime is null)
            {
                var deadline = (_clock().Ticks + duration.Ticks + Tick.Ticks - 1) / Tick.Ticks;
                Link(timer, Math.Max(deadline, _processed + 1));
                return;
            }
        }

        if (duration > TimeSpan.Zero)
        {
            ScheduleOnVirtualTime(timer, generation, duration);
        }
        else
        {
            FireIfCurrent(timer, generation);
        }
    }

    internal void Cancel(WheelTimer timer)
    {
        lock (_gate)
        {
            Unlink(timer);
            timer.Generation++;
        }
    }

    internal bool TryConsume(WheelTimer timer)
    {
        lock (_gate)
        {
            if (timer.FiredGeneration != timer.Generation)
            {
                return false;
            }

            timer.FiredGeneration = 0;
            return true;
        }
    }

    /// <summary>Fires every timer due by now: its owner's actor is told the timer.</summary>
    internal void Process()
    {
        lock (_gate)
        {
            var now = _clock().Ticks / Tick.Ticks;

            // A wheel that fell more than a turn behind visits each slot once, which finds everything due.
            for (var tick = Math.Max(_processed + 1, now - Mask); tick <= now; tick++)
            {
                CollectDue(tick);
            }

            _processed = Math.Max(_processed, now);
        }

        foreach (var timer in _due)
        {
            timer.Target.Tell(timer);
        }

        _due.Clear();
    }

    /// <summary>Stops the wheel: nothing fires any more, and the timers it held are let go.</summary>
    internal void Stop()
    {
        lock (_gate)
        {
            _stopped = true;
            _driver?.Cancel();
            for (var slot = 0; slot < Slots; slot++)
            {
                while (_slots[slot] is { } timer)
                {
                    Unlink(timer);
                }
            }
        }
    }

    private static TimerWheel Create(ExtendedActorSystem system)
    {
        TimerWheel wheel;
        if (system.Scheduler is HashedWheelTimerScheduler)
        {
            var clock = Stopwatch.StartNew();
            wheel = new TimerWheel(() => clock.Elapsed);
            var driver = new Cancelable(system.Scheduler);
            wheel._driver = driver;
            system.Scheduler.Advanced.ScheduleRepeatedly(Tick, Tick, wheel.Process, driver);
        }
        else
        {
            wheel = new TimerWheel(system.Scheduler);
        }

        system.RegisterOnTermination(wheel.Stop);
        return wheel;
    }

    // A method of its own: the closure's captures would otherwise be allocated on entry to Start, for every start.
    private void ScheduleOnVirtualTime(WheelTimer timer, int generation, TimeSpan duration) =>
        _virtualTime!.Advanced.ScheduleOnce(duration, () => FireIfCurrent(timer, generation));

    private void FireIfCurrent(WheelTimer timer, int generation)
    {
        lock (_gate)
        {
            if (_stopped || timer.Generation != generation)
            {
                return;
            }

            timer.FiredGeneration = generation;
        }

        timer.Target.Tell(timer);
    }

    private void CollectDue(long tick)
    {
        var timer = _slots[tick & Mask];
        while (timer is not null)
        {
            var next = timer.Next;
            if (timer.Deadline <= tick)
            {
                Unlink(timer);
                timer.FiredGeneration = timer.Generation;
                _due.Add(timer);
            }

            timer = next;
        }
    }

    private void Link(WheelTimer timer, long deadline)
    {
        var slot = (int)(deadline & Mask);
        timer.Deadline = deadline;
        timer.Slot = slot;
        timer.Previous = null;
        timer.Next = _slots[slot];
        if (timer.Next is not null)
        {
            timer.Next.Previous = timer;
        }

        _slots[slot] = timer;
    }

    private void Unlink(WheelTimer timer)
    {
        if (timer.Slot < 0)
        {
            return;
        }

        if (timer.Previous is null)
        {
            _slots[timer.Slot] = timer.Next;
        }
        else
        {
            timer.Previous.Next = timer.Next;
        }

        if (timer.Next is not null)
        {
            timer.Next.Previous = timer.Previous;
        }

        timer.Previous = null;
        timer.Next = null;
        timer.Slot = -1;
    }

    private sealed class Id : ExtensionIdProvider<TimerWheel>
    {
        public override TimerWheel CreateExtension(ExtendedActorSystem system) => Create(system);
    }
}
