using System.Diagnostics;

namespace ClusterSip.Sip.Stack.Transport;

/// <summary>
/// Decides, per receive thread, whether the transaction work of its datagrams runs inline (<see cref="ReceiveThread"/>).
/// Inline saves a thread-pool wake-up a message, but leaves one thread for all the work: past some rate that thread
/// falls behind, datagrams queue, retransmissions add to the load, and calls fail. So every <see cref="Window"/> the
/// thread predicts its inline load as the datagram rate times the cost of a datagram inline (measured while inline;
/// the rate does not depend on the mode) and hands the work to the pool above <see cref="OffloadAbove"/>. While
/// offloading it measures one window inline every <see cref="ProbeEvery"/>.
/// </summary>
/// <remarks>
/// Two costs are predicted. The thread's CPU time over the window (receiving included, where the platform tells it)
/// says how much of a core the work needs: above <see cref="OffloadAbove"/> it goes to the pool. The wall time from
/// each datagram's arrival to the end of its handling also counts the time the thread was preempted, so it says whether
/// the thread keeps up in real time on cores it shares: above <see cref="WallOffloadAbove"/> it goes to the pool too.
/// With the wall time alone and 0.45, preempted windows (up to twice the CPU time on the bench's two cores shared with
/// SIPp) and the burst after each pause sent the work to the pool for seconds at a time at 2,000 calls/s with
/// dialogs: 3-7 pool work items and about one context switch more per call, for no throughput. With the CPU time alone
/// and 0.6, the thread stayed inline at 5,000-6,000 calls/s while SIPp preempted it, and dropped datagrams.
/// </remarks>
public sealed class ReceiveLoad
{
    private const double OffloadAbove = 0.6;
    private const double InlineBelow = 0.4;
    private const double WallOffloadAbove = 0.8;
    private const double WallInlineBelow = 0.6;
    private const int ProbeEvery = 10;

    private readonly Func<int> _collectionCount;
    private readonly Func<TimeSpan?> _threadCpu;
    private TimeSpan? _cpuAtWindowStart;
    private long _windowStart;
    private long _busy;
    private int _datagrams;
    private int _previousDatagrams;
    private double _previousSeconds;
    private double _inlineCost; // seconds of CPU (or, where unknown, of wall time) a datagram took inline, smoothed
    private double _inlineWallCost; // seconds of wall time a datagram took inline, smoothed
    private int _offloadedWindows;
    private int _collections;

    /// <param name="start">Stopwatch ticks when the thread starts receiving.</param>
    /// <param name="collectionCount">The count of gen-0 collections so far (<see cref="GC.CollectionCount"/>).</param>
    /// <param name="threadCpu">The receive thread's CPU time so far (<see cref="ThreadCpuTime.Current"/>), null where unknown.</param>
    public ReceiveLoad(long start, Func<int> collectionCount, Func<TimeSpan?> threadCpu)
    {
        _windowStart = start;
        _collectionCount = collectionCount;
        _collections = collectionCount();
        _threadCpu = threadCpu;
        _cpuAtWindowStart = threadCpu();
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
        var cpu = _threadCpu();
        // A window with a collection is not measured: the pause stops the pool's threads as much as this one, and a
        // thread waiting for a collection to end spins on its core.
        if (!Offloading && collections == _collections)
        {
            var wall = (double)_busy / Stopwatch.Frequency / _datagrams;
            _inlineCost = Smooth(_inlineCost, cpu - _cpuAtWindowStart is { } used ? used.TotalSeconds / _datagrams : wall);
            _inlineWallCost = Smooth(_inlineWallCost, wall);
        }

        _collections = collections;
        _cpuAtWindowStart = cpu;

        // The rate over this window and the one before: the backlog a pause leaves (of this thread, of the machine, of
        // a collection) arrives at once in the next window, twice the rate for a moment, and is not a load to offload.
        var rate = (_datagrams + _previousDatagrams) / (seconds + _previousSeconds);
        var (predicted, predictedWall) = (rate * _inlineCost, rate * _inlineWallCost);
        _previousDatagrams = _datagrams;
        _previousSeconds = seconds;
        if (!Offloading)
        {
            Offloading = predicted > OffloadAbove || predictedWall > WallOffloadAbove;
            _offloadedWindows = 0;
        }
        else
        {
            Offloading = (predicted > InlineBelow || predictedWall > WallInlineBelow) && ++_offloadedWindows % ProbeEvery != 0;
        }

        _windowStart = end;
        _busy = 0;
        _datagrams = 0;
    }

    // Down at once, up by a quarter of the difference a window: one slow window does not make the thread offload.
    private static double Smooth(double smoothed, double cost) =>
        smoothed == 0 || cost < smoothed ? cost : smoothed + ((cost - smoothed) / 4);
}
