using System.Diagnostics;

namespace ClusterSip.Sip.Stack.Transport;

/// <summary>
/// Decides, per receive thread, whether the transaction work of its datagrams runs inline (<see cref="ReceiveThread"/>).
/// Inline saves a thread-pool wake-up a message, but leaves one thread for all the work: past some rate that thread
/// falls behind, datagrams queue, retransmissions add to the load, and calls fail. So every <see cref="Window"/> the
/// thread predicts its inline load as the datagram rate times the time a datagram took inline (measured while inline;
/// the rate does not depend on the mode) and hands the work to the pool above <see cref="OffloadAbove"/>. While
/// offloading it measures one window inline every <see cref="ProbeEvery"/> (a collection pause in a window inflates
/// the cost it measures, and would otherwise keep the thread offloading for good).
/// </summary>
public sealed class ReceiveLoad
{
    private const double OffloadAbove = 0.45;
    private const double InlineBelow = 0.3;
    private const int ProbeEvery = 10;

    private readonly Func<int> _collectionCount;
    private long _windowStart;
    private long _busy;
    private int _datagrams;
    private double _inlineCost; // seconds a datagram took inline, smoothed
    private int _offloadedWindows;
    private int _collections;

    /// <param name="start">Stopwatch ticks when the thread starts receiving.</param>
    /// <param name="collectionCount">The count of gen-0 collections so far (<see cref="GC.CollectionCount"/>).</param>
    public ReceiveLoad(long start, Func<int> collectionCount)
    {
        _windowStart = start;
        _collectionCount = collectionCount;
        _collections = collectionCount();
    }

    /// <summary>The length of a measuring window, in Stopwatch ticks.</summary>
    public static long Window { get; } = Stopwatch.Frequency / 10;

    public bool Offloading { get; private set; }

    /// <summary>Records one datagram's handling, from <paramref name="start"/> to <paramref name="end"/> (Stopwatch ticks).</summary>
    public void Handled(long start, long end)
    {
        _busy += end - start;
        _datagrams++;
        var elapsed = end - _windowStart;
        if (elapsed < Window)
        {
            return;
        }

        var seconds = (double)elapsed / Stopwatch.Frequency;
        var collections = _collectionCount();
        if (!Offloading && collections == _collections)
        {
            // Windows with a collection are not measured: a pause stops the pool's threads as much as this one.
            var cost = (double)_busy / Stopwatch.Frequency / _datagrams;
            _inlineCost = _inlineCost == 0 || cost < _inlineCost ? cost : _inlineCost + ((cost - _inlineCost) / 4);
        }

        _collections = collections;

        var predicted = _datagrams / seconds * _inlineCost;
        if (!Offloading)
        {
            Offloading = predicted > OffloadAbove;
            _offloadedWindows = 0;
        }
        else
        {
            Offloading = predicted > InlineBelow && ++_offloadedWindows % ProbeEvery != 0;
        }

        _windowStart = end;
        _busy = 0;
        _datagrams = 0;
    }
}
