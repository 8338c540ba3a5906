using System.Diagnostics;
using ClusterSip.Tests.Support;

namespace ClusterSip.Dialogs.Bench;

/// <summary>
/// Memory per answered dialog: creates `count` dialogs on one node as the proxy does and waits until
/// all are confirmed, then prints the managed heap and the process's resident memory per dialog after a full
/// collection, and the bytes allocated (every thread) to create and answer each one. The sink acknowledges every
/// event, so a dialog holds no unacknowledged events.
/// </summary>
internal static class MemoryPerDialog
{
    public static async Task Run(DialogNode node, DialogStatistics statistics, int count)
    {
        var (heap0, rss0) = ProcessMemory.AfterFullCollection();
        var allocated0 = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++) Calls.Answer(node, i);
        while (statistics.Snapshot().ActiveDialogs < count) await Task.Delay(100);
        var seconds = clock.Elapsed.TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated0;
        await Task.Delay(TimeSpan.FromSeconds(2)); // the acknowledgements of the last events
        var (heap1, rss1) = ProcessMemory.AfterFullCollection();
        Console.WriteLine($"dialogs={count} confirmed in {seconds:F1} s; managed heap +{(heap1 - heap0) / 1048576.0:F1} MB = {(double)(heap1 - heap0) / count:F0} bytes/dialog; " +
                          $"resident +{(rss1 - rss0) / 1048576.0:F1} MB = {(double)(rss1 - rss0) / count:F0} bytes/dialog; " +
                          $"allocated {(double)allocated / count:F0} bytes/dialog to create and answer it");
    }
}
