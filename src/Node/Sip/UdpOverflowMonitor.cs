using System.Diagnostics.Metrics;

namespace ClusterSip.Node.Sip;

/// <summary>
/// Makes UDP overload visible: the kernel drops a datagram that finds the socket's receive buffer full before the node
/// sees it, and counts it only in RcvbufErrors of /proc/net/snmp. Polled every <see cref="Interval"/>, the monitor warns
/// when that counter grew and exports the drops on the meter <see cref="MeterName"/>. The counters are the network
/// namespace's (the host's, or the container's): other processes' overflows count too.
/// </summary>
public sealed class UdpOverflowMonitor
{
    public const string MeterName = "ClusterSip.Sip.Udp";

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private const string SnmpPath = "/proc/net/snmp";

    private readonly Func<string?> _readSnmp;
    private readonly ILogger _log;
    private UdpErrorCounters _last;
    private long _receiveBufferErrors;
    private long _inErrors;

    private UdpOverflowMonitor(Func<string?> readSnmp, ILogger log, UdpErrorCounters first)
    {
        _readSnmp = readSnmp;
        _log = log;
        _last = first;
    }

    /// <summary>
    /// Takes the first reading and creates the instruments, which count from then on. Null, said once at Information,
    /// where the counters cannot be read (not Linux, no /proc, an unknown format).
    /// </summary>
    /// <param name="readSnmp">The text of /proc/net/snmp, or null when it cannot be read: <see cref="ReadProcNetSnmp"/>.</param>
    public static UdpOverflowMonitor? Create(Func<string?> readSnmp, ILogger log, IMeterFactory meters)
    {
        if (readSnmp() is not { } text || !UdpErrorCounters.TryParse(text, out var first))
        {
            log.LogInformation("UDP overflow monitor disabled: no Udp InErrors/RcvbufErrors counters in {Path}", SnmpPath);
            return null;
        }

        var monitor = new UdpOverflowMonitor(readSnmp, log, first);
        var meter = meters.Create(MeterName);
        meter.CreateObservableCounter("receive_buffer_errors", () => Interlocked.Read(ref monitor._receiveBufferErrors), "{datagram}",
            "UDP datagrams dropped on a full socket receive buffer (RcvbufErrors of /proc/net/snmp, host-wide), since the node started.");
        meter.CreateObservableCounter("in_errors", () => Interlocked.Read(ref monitor._inErrors), "{datagram}",
            "UDP datagrams not delivered for any reason (InErrors of /proc/net/snmp, host-wide), since the node started.");
        return monitor;
    }

    public static string? ReadProcNetSnmp()
    {
        try
        {
            return File.ReadAllText(SnmpPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Reads the counters and warns if datagrams were dropped since the previous reading.</summary>
    public void Poll()
    {
        // A failed reading is skipped: the next one counts what it missed.
        if (_readSnmp() is not { } text || !UdpErrorCounters.TryParse(text, out var now))
        {
            return;
        }

        var dropped = Growth(_last.RcvbufErrors, now.RcvbufErrors);
        Interlocked.Add(ref _receiveBufferErrors, dropped);
        Interlocked.Add(ref _inErrors, Growth(_last.InErrors, now.InErrors));
        _last = now;
        if (dropped > 0)
        {
            _log.LogWarning("UDP receive buffer overflowed: {Dropped} datagrams dropped in the last {Seconds} s (host-wide counter); " +
                "a larger buffer (cluster-sip.sip.udp-receive-buffer-size, net.core.rmem_max) rides out longer pauses", dropped, Interval.TotalSeconds);
        }
    }

    /// <summary>A counter that went down was reset: all it holds was counted since.</summary>
    private static long Growth(long before, long now) => now >= before ? now - before : now;
}
