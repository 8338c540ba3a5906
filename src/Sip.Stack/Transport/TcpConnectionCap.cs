namespace ClusterSip.Sip.Stack.Transport;

/// <summary>
/// The most inbound TCP connections a node holds at once. Configured, or derived from the process's open-file limit
/// (Linux: the soft "Max open files" of /proc/self/limits) less a reserve for everything else that needs a descriptor:
/// the management API, the cluster's connections, the journal, outbound SIP connections, log files.
/// </summary>
public static class TcpConnectionCap
{
    public const int Reserve = 256;

    public const int Minimum = 64;

    // Where no limit can be read (another OS) or it is unlimited.
    public const int WithoutLimit = 100_000;

    /// <param name="configured">cluster-sip.sip.tcp-max-connections; 0 = derive it.</param>
    public static int Resolve(int configured) => configured > 0 ? configured : FromLimit(OpenFileLimit());

    public static int FromLimit(long? openFiles) =>
        openFiles is { } limit ? (int)Math.Clamp(limit - Reserve, Minimum, WithoutLimit) : WithoutLimit;

    /// <summary>The soft open-file limit, or null when there is none to read (or it is unlimited).</summary>
    public static long? OpenFileLimit()
    {
        const string path = "/proc/self/limits";
        if (!File.Exists(path)) return null;

        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var soft = line?["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return long.TryParse(soft, out var value) ? value : null;
    }
}
