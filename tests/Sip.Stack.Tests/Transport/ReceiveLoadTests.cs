using System.Diagnostics;
using ClusterSip.Sip.Stack.Transport;
using Xunit;

namespace ClusterSip.Sip.Stack.Tests.Transport;

public sealed class ReceiveLoadTests
{
    private int _collections;
    private long _now;
    private TimeSpan? _cpu; // null: the platform does not tell, the wall time of each datagram is the cost

    [Fact]
    public void A_thread_that_keeps_up_runs_inline()
    {
        var load = NewLoad();
        Feed(load, windows: 5, perSecond: 6000, costMicroseconds: 30); // 0.18 of the thread

        Assert.False(load.Offloading);
    }

    [Fact]
    public void A_thread_that_would_fall_behind_hands_work_to_the_pool()
    {
        var load = NewLoad();
        Feed(load, windows: 2, perSecond: 24000, costMicroseconds: 30); // 0.72 of the thread

        Assert.True(load.Offloading);
    }

    [Fact]
    public void A_window_with_a_collection_pause_is_not_measured()
    {
        var load = NewLoad();
        Feed(load, windows: 2, perSecond: 6000, costMicroseconds: 30);
        _collections++;
        Feed(load, windows: 1, perSecond: 6000, costMicroseconds: 5000);

        Assert.False(load.Offloading);
    }

    [Fact]
    public void While_offloading_it_measures_one_window_inline_every_ten_and_returns_when_the_load_fell()
    {
        var load = NewLoad();
        Feed(load, windows: 1, perSecond: 24000, costMicroseconds: 30);
        Assert.True(load.Offloading);

        Feed(load, windows: 9, perSecond: 24000, costMicroseconds: 5); // offloaded: the cost seen is not the inline one
        Assert.True(load.Offloading);
        Feed(load, windows: 1, perSecond: 24000, costMicroseconds: 5);
        Assert.False(load.Offloading); // the probe window

        Feed(load, windows: 1, perSecond: 6000, costMicroseconds: 30);
        Assert.False(load.Offloading);
    }

    /// <summary>A thread using 0.3 of a core, preempted while handling: inline while it keeps up in real time.</summary>
    [Theory]
    [InlineData(60, false)] // wall 0.72
    [InlineData(75, true)] // wall 0.9: preempted too long to keep up
    public void With_the_threads_cpu_time_a_preempted_thread_offloads_only_when_it_cannot_keep_up(int wallMicroseconds, bool offloads)
    {
        _cpu = TimeSpan.Zero;
        var load = NewLoad();
        Feed(load, windows: 3, perSecond: 12000, costMicroseconds: wallMicroseconds, cpuMicroseconds: 25);

        Assert.Equal(offloads, load.Offloading);
    }

    [Fact]
    public void With_the_threads_cpu_time_a_thread_that_would_fall_behind_hands_work_to_the_pool()
    {
        _cpu = TimeSpan.Zero;
        var load = NewLoad();
        Feed(load, windows: 2, perSecond: 24000, costMicroseconds: 30, cpuMicroseconds: 30);

        Assert.True(load.Offloading);
    }

    [Fact]
    public void With_the_threads_cpu_time_a_window_with_a_collection_is_not_measured()
    {
        _cpu = TimeSpan.Zero;
        var load = NewLoad();
        Feed(load, windows: 2, perSecond: 12000, costMicroseconds: 25);
        _collections++;
        Feed(load, windows: 1, perSecond: 12000, costMicroseconds: 25, cpuMicroseconds: 200); // spinning while it waited

        Assert.False(load.Offloading);
    }

    [Fact]
    public void The_backlog_after_a_pause_is_not_a_load_to_offload()
    {
        var load = NewLoad();
        Feed(load, windows: 3, perSecond: 15000, costMicroseconds: 30); // 0.45 of the thread
        Feed(load, windows: 1, perSecond: 7500, costMicroseconds: 30); // a pause: half the datagrams came
        Feed(load, windows: 1, perSecond: 22500, costMicroseconds: 30); // and the rest with the next ones: 0.68 alone

        Assert.False(load.Offloading);
    }

    [Fact]
    public void The_threads_cpu_time_is_read_on_linux_and_unknown_elsewhere()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Null(ThreadCpuTime.Current());
            return;
        }

        var before = ThreadCpuTime.Current();
        var spin = Stopwatch.StartNew();
        while (spin.ElapsedMilliseconds < 30)
        {
        }

        var after = ThreadCpuTime.Current();
        Assert.NotNull(before);
        Assert.InRange((after - before)!.Value, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(5));
    }

    private ReceiveLoad NewLoad() => new(_now, () => _collections, () => _cpu);

    /// <summary>
    /// Datagrams evenly spread over whole windows, each handled for the given time, using the given CPU time (the same
    /// when not given) where the thread's CPU time is known.
    /// </summary>
    private void Feed(ReceiveLoad load, int windows, int perSecond, int costMicroseconds, int? cpuMicroseconds = null)
    {
        var count = perSecond / 10 * windows;
        var start = _now;
        var cost = costMicroseconds * Stopwatch.Frequency / 1_000_000;
        for (var i = 1; i <= count; i++)
        {
            _now = start + (ReceiveLoad.Window * windows * i / count);
            _cpu += TimeSpan.FromTicks((cpuMicroseconds ?? costMicroseconds) * TimeSpan.TicksPerMicrosecond);
            load.Handled(_now - cost, _now);
        }
    }
}
