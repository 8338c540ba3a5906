namespace ClusterSip.Node.Sip;

/// <summary>
/// The UDP error counters of /proc/net/snmp: cumulative since boot, over every socket of the node's network namespace
/// (the host's, or the container's).
/// </summary>
/// <param name="InErrors">Datagrams not delivered for any reason (a full receive buffer, a bad checksum…).</param>
/// <param name="RcvbufErrors">Datagrams dropped because the receiving socket's buffer was full.</param>
public readonly record struct UdpErrorCounters(long InErrors, long RcvbufErrors)
{
    /// <summary>
    /// Reads the counters from the text of /proc/net/snmp, where a "Udp:" line naming the fields is followed by a "Udp:"
    /// line holding their values in the same order. False when that pair or either field is missing or malformed.
    /// </summary>
    public static bool TryParse(string snmp, out UdpErrorCounters counters)
    {
        counters = default;
        var lines = snmp.Split('\n')
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(fields => fields.Length > 0 && fields[0] == "Udp:")
            .Take(2)
            .ToList();
        if (lines.Count < 2 || lines[0].Length != lines[1].Length)
        {
            return false;
        }

        var (names, values) = (lines[0], lines[1]);
        if (!TryField(names, values, "InErrors", out var inErrors) || !TryField(names, values, "RcvbufErrors", out var rcvbufErrors))
        {
            return false;
        }

        counters = new UdpErrorCounters(inErrors, rcvbufErrors);
        return true;
    }

    private static bool TryField(string[] names, string[] values, string name, out long value)
    {
        value = 0;
        var index = Array.IndexOf(names, name);
        return index > 0 && long.TryParse(values[index], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value);
    }
}
