using System.Diagnostics.Metrics;

namespace ClusterSip.InteractionProxy;

/// <summary>
/// The Interaction Proxy's counters on one node (statistics group "iproxy", and the same names on /metrics):
/// monotonic totals for the meter, and a reset point the management API's view subtracts.
/// </summary>
public sealed class ProxyStatistics : IDisposable
{
    public const string MeterName = "ClusterSip.InteractionProxy";

    private static readonly string[] Names =
    [
        "accepted_connections", "registrations", "reset_sessions", "resumed_sessions", "sent_lines",
        "protocol_errors", "refused_connections", "slow_client_disconnects",
    ];

    private const int Accepted = 0;
    private const int Registered = 1;
    private const int Reset = 2;
    private const int Resumed = 3;
    private const int Sent = 4;
    private const int Errors = 5;
    private const int Refused = 6;
    private const int Slow = 7;

    private readonly Meter _meter;
    private readonly long[] _totals = new long[Names.Length];
    private readonly long[] _resetAt = new long[Names.Length];
    private long _open;

    public ProxyStatistics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        for (var i = 0; i < Names.Length; i++)
        {
            var index = i;
            _meter.CreateObservableCounter("iproxy_" + Names[i], () => Volatile.Read(ref _totals[index]));
        }
        _meter.CreateObservableUpDownCounter("iproxy_open_connections", () => Volatile.Read(ref _open), description: "Client connections open on this node.");
    }

    public void ConnectionOpened()
    {
        Interlocked.Increment(ref _totals[Accepted]);
        Interlocked.Increment(ref _open);
    }

    public void ConnectionClosed() => Interlocked.Decrement(ref _open);

    public void Registration() => Interlocked.Increment(ref _totals[Registered]);

    public void SessionReset() => Interlocked.Increment(ref _totals[Reset]);

    public void SessionResumed() => Interlocked.Increment(ref _totals[Resumed]);

    public void LinesSent(int count) => Interlocked.Add(ref _totals[Sent], count);

    public void ProtocolError() => Interlocked.Increment(ref _totals[Errors]);

    public void ConnectionRefused() => Interlocked.Increment(ref _totals[Refused]);

    public void SlowClient() => Interlocked.Increment(ref _totals[Slow]);

    /// <summary>Each counter since the last <see cref="ResetCounters"/>, and open_connections.</summary>
    public IReadOnlyDictionary<string, long> Snapshot()
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < Names.Length; i++) result[Names[i]] = Volatile.Read(ref _totals[i]) - Volatile.Read(ref _resetAt[i]);
        result["open_connections"] = Volatile.Read(ref _open);
        return result;
    }

    public void ResetCounters()
    {
        for (var i = 0; i < Names.Length; i++) Volatile.Write(ref _resetAt[i], Volatile.Read(ref _totals[i]));
    }

    public void Dispose() => _meter.Dispose();
}
