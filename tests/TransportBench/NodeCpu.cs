namespace ClusterSip.Transport.Bench;

/// <summary>CPU time a process has used (utime + stime from /proc/PID/stat, in USER_HZ ticks of 10 ms).</summary>
internal static class NodeCpu
{
    private const double SecondsPerTick = 0.01;

    public static TimeSpan Read(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return TimeSpan.FromSeconds((long.Parse(fields[11]) + long.Parse(fields[12])) * SecondsPerTick);
    }
}
