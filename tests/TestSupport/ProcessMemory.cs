using System.Diagnostics;

namespace ClusterSip.Tests.Support;

/// <summary>What a bench reads before and after building state: managed heap and resident set after full collections.</summary>
public static class ProcessMemory
{
    public static (long Heap, long Resident) AfterFullCollection()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(false), process.WorkingSet64);
    }
}
