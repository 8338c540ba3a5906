using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;
using ClusterSip.Sip.Stack.Transactions;
using Xunit;
using Xunit.Abstractions;

namespace ClusterSip.Sip.Stack.Tests.Transactions;

/// <summary>
/// The transactions' timer wheel on a clock the test sets (<see cref="TimerWheel.Process"/> is what its driver calls
/// every tick), on a real system's scheduler, and under virtual time.
/// </summary>
public sealed class TimerWheelTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(output: output)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(200);

    private TimeSpan _now = TimeSpan.FromMilliseconds(1_000);

    [Fact]
    public void A_timer_fires_once_when_due_and_not_before()
    {
        var (wheel, probe) = Wheel();
        var timer = Timer(wheel, probe);

        timer.Start(TimeSpan.FromMilliseconds(500));
        AdvanceAndProcess(wheel, 490);
        probe.ExpectNoMsg(Quiet);

        AdvanceAndProcess(wheel, 10);
        Assert.Same(timer, probe.ExpectMsg<WheelTimer>());
        Assert.True(timer.TryConsume());
        Assert.False(timer.TryConsume());

        AdvanceAndProcess(wheel, 5_000);
        probe.ExpectNoMsg(Quiet);
    }

    [Fact]
    public void A_timer_never_fires_early_when_started_between_ticks()
    {
        var (wheel, probe) = Wheel();
        var timer = Timer(wheel, probe);
        _now += TimeSpan.FromMilliseconds(3); // 3 ms into a 10 ms tick

        timer.Start(TimeSpan.FromMilliseconds(15));
        AdvanceAndProcess(wheel, 14);
        probe.ExpectNoMsg(Quiet);

        AdvanceAndProcess(wheel, 10);
        probe.ExpectMsg<WheelTimer>();
    }

    [Fact]
    public void A_timer_cancelled_before_it_fires_never_arrives()
    {
        var (wheel, probe) = Wheel();
        var timer = Timer(wheel, probe);

        timer.Start(TimeSpan.FromMilliseconds(500));
        AdvanceAndProcess(wheel, 200);
        timer.Cancel();
        AdvanceAndProcess(wheel, 1_000);

        probe.ExpectNoMsg(Quiet);
    }

    [Fact]
    public void A_firing_cancelled_before_its_owner_received_it_is_ignored()
    {
        var (wheel, probe) = Wheel();
        var timer = Timer(wheel, probe);

        timer.Start(TimeSpan.FromMilliseconds(100));
        AdvanceAndProcess(wheel, 100);
        timer.Cancel(); // the firing is already in the owner's mailbox

        probe.ExpectMsg<WheelTimer>();
        Assert.False(timer.TryConsume());
    }

    [Fact]
    public void A_restart_replaces_the_running_timer()
    {
        var (wheel, probe) = Wheel();
        var timer = Timer(wheel, probe);

        timer.Start(TimeSpan.FromMilliseconds(100));
        timer.Start(TimeSpan.FromMilliseconds(300));
        AdvanceAndProcess(wheel, 100);
        probe.ExpectNoMsg(Quiet);

        AdvanceAndProcess(wheel, 200);
        probe.ExpectMsg<WheelTimer>();
        Assert.True(timer.TryConsume());
        probe.ExpectNoMsg(Quiet);
    }

    [Fact]
    public void A_restart_after_a_firing_not_yet_received_counts_only_the_new_start()
    {
        var (wheel, probe) = Wheel();
        var timer = Timer(wheel, probe);

        timer.Start(TimeSpan.FromMilliseconds(100));
        AdvanceAndProcess(wheel, 100);
        timer.Start(TimeSpan.FromMilliseconds(500));

        probe.ExpectMsg<WheelTimer>();
        Assert.False(timer.TryConsume()); // the old start's firing

        AdvanceAndProcess(wheel, 500);
        probe.ExpectMsg<WheelTimer>();
        Assert.True(timer.TryConsume());
    }

    [Fact]
    public void A_zero_length_timer_fires_at_once()
    {
        var (wheel, probe) = Wheel();
        var timer = Timer(wheel, probe);

        timer.Start(TimeSpan.Zero);

        probe.ExpectMsg<WheelTimer>();
        Assert.True(timer.TryConsume());
    }

    [Fact]
    public void A_timer_longer_than_a_turn_of_the_wheel_waits_its_full_length()
    {
        var (wheel, probe) = Wheel();
        var timer = Timer(wheel, probe);

        timer.Start(TimeSpan.FromSeconds(32)); // RFC 3261 Timer D: six turns and more
        for (var elapsed = 0; elapsed < 31_990; elapsed += 10)
        {
            AdvanceAndProcess(wheel, 10);
        }

        probe.ExpectNoMsg(Quiet);
        AdvanceAndProcess(wheel, 10);
        probe.ExpectMsg<WheelTimer>();
    }

    [Fact]
    public void A_wheel_that_fell_behind_by_turns_fires_everything_due_at_once_and_nothing_else()
    {
        var (wheel, probe) = Wheel();
        var owner = new object();
        var due = Enumerable.Range(0, 20).Select(i => new WheelTimer(wheel, probe, owner, TransactionTimer.A, null)).ToList();
        var later = new WheelTimer(wheel, probe, owner, TransactionTimer.B, null);
        for (var i = 0; i < due.Count; i++)
        {
            due[i].Start(TimeSpan.FromMilliseconds(400 * (i + 1)));
        }

        later.Start(TimeSpan.FromSeconds(60));

        AdvanceAndProcess(wheel, 20_000); // about four turns without a tick
        var fired = probe.ReceiveN(due.Count).Cast<WheelTimer>().ToList();
        Assert.Equal(due.ToHashSet(), fired.ToHashSet());
        probe.ExpectNoMsg(Quiet);
    }

    [Fact]
    public void One_owner_has_one_timer_of_each_kind()
    {
        var (wheel, probe) = Wheel();
        WheelTimer? timers = null;
        var owner = new object();

        var a = WheelTimer.Of(ref timers, wheel, probe, owner, TransactionTimer.A);
        var b = WheelTimer.Of(ref timers, wheel, probe, owner, TransactionTimer.B);

        Assert.Same(a, WheelTimer.Of(ref timers, wheel, probe, owner, TransactionTimer.A));
        Assert.NotSame(a, b);
        a.Start(TimeSpan.FromMilliseconds(100));
        b.Start(TimeSpan.FromMilliseconds(100));
        WheelTimer.CancelAll(timers);
        AdvanceAndProcess(wheel, 1_000);
        probe.ExpectNoMsg(Quiet);
    }

    [Fact]
    public void The_wheel_of_a_real_system_is_driven_by_its_scheduler()
    {
        var probe = CreateTestProbe();
        var timer = new WheelTimer(TimerWheel.For(Sys), probe, new object(), TransactionTimer.E, null);

        timer.Start(TimeSpan.FromMilliseconds(50));

        probe.ExpectMsg<WheelTimer>(TimeSpan.FromSeconds(5));
        Assert.True(timer.TryConsume());
    }

    [Fact]
    public async Task The_wheel_stops_with_its_system_and_lets_its_timers_go()
    {
        var system = ActorSystem.Create("wheel-stops");
        var wheel = TimerWheel.For(system);
        var probe = CreateTestProbe();
        var pending = new WheelTimer(wheel, probe, new object(), TransactionTimer.B, null);
        pending.Start(TimeSpan.FromMilliseconds(300));

        await system.Terminate();

        Assert.True(wheel.Stopped);
        var late = new WheelTimer(wheel, probe, new object(), TransactionTimer.B, null);
        late.Start(TimeSpan.Zero);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(600));
        Assert.False(pending.TryConsume());
    }

    [Fact]
    public async Task Under_virtual_time_the_timers_follow_the_test_scheduler()
    {
        var config = ConfigurationFactory.ParseString("akka.scheduler.implementation = \"Akka.TestKit.TestScheduler, Akka.TestKit\"");
        var system = ActorSystem.Create("wheel-virtual", config);
        try
        {
            var scheduler = (TestScheduler)system.Scheduler;
            var probe = CreateTestProbe();
            var wheel = TimerWheel.For(system);
            var timer = new WheelTimer(wheel, probe, new object(), TransactionTimer.A, null);
            var cancelled = new WheelTimer(wheel, probe, new object(), TransactionTimer.B, null);

            timer.Start(TimeSpan.FromMilliseconds(500));
            cancelled.Start(TimeSpan.FromMilliseconds(100));
            cancelled.Cancel();
            scheduler.Advance(TimeSpan.FromMilliseconds(499));
            probe.ExpectNoMsg(Quiet);

            scheduler.Advance(TimeSpan.FromMilliseconds(1));
            Assert.Same(timer, probe.ExpectMsg<WheelTimer>());
            Assert.True(timer.TryConsume());
        }
        finally
        {
            await system.Terminate();
        }
    }

    private (TimerWheel Wheel, TestProbe Probe) Wheel() => (new TimerWheel(() => _now), CreateTestProbe());

    private static WheelTimer Timer(TimerWheel wheel, TestProbe probe) =>
        new(wheel, probe, new object(), TransactionTimer.A, null);

    private void AdvanceAndProcess(TimerWheel wheel, int milliseconds)
    {
        _now += TimeSpan.FromMilliseconds(milliseconds);
        wheel.Process();
    }
}
