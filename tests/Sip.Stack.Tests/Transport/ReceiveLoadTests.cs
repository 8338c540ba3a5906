using System.Diagnostics;
using ClusterSip.Sip.Stack.Transport;
using Xunit;

namespace ClusterSip.Sip.Stack.Tests.Transport;

public sealed class ReceiveLoadTests
{
    private int _collections;
    private long _now;

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
        Feed(load, windows: 2, perSecond: 21000, costMicroseconds: 30); // 0.63 of the thread

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
        Feed(load, windows: 1, perSecond: 21000, costMicroseconds: 30);
        Assert.True(load.Offloading);

        Feed(load, windows: 9, perSecond: 21000, costMicroseconds: 5); // offloaded: the cost seen is not the inline one
        Assert.True(load.Offloading);
        Feed(load, windows: 1, perSecond: 21000, costMicroseconds: 5);
        Assert.False(load.Offloading); // the probe window

        Feed(load, windows: 1, perSecond: 6000, costMicroseconds: 30);
        Assert.False(load.Offloading);
    }

    private ReceiveLoad NewLoad() => new(_now, () => _collections);

    /// <summary>Datagrams evenly spread over whole windows, each handled for the given time.</summary>
    private void Feed(ReceiveLoad load, int windows, int perSecond, int costMicroseconds)
    {
        var count = perSecond / 10 * windows;
        var start = _now;
        var cost = costMicroseconds * Stopwatch.Frequency / 1_000_000;
        for (var i = 1; i <= count; i++)
        {
            _now = start + (ReceiveLoad.Window * windows * i / count);
            load.Handled(_now - cost, _now);
        }
    }
}
