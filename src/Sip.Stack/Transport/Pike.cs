using System.Collections.Concurrent;
using System.Net;

namespace ClusterSip.Sip.Stack.Transport;

/// <summary>
/// Counts requests per source IP address in fixed windows of <see cref="PikeSettings.Period"/>; a source over
/// <see cref="PikeSettings.Requests"/> is blocked for <see cref="PikeSettings.BlockTime"/>. Called by every receive
/// thread for every request: a dictionary read and interlocked updates, no lock; the counts are exact enough for
/// a flood guard (a window reset racing an increment may lose that one count).
/// </summary>
internal sealed class Pike : IDisposable
{
    private readonly PikeSettings _settings;
    private readonly TransportMetrics _metrics;
    private readonly RateLimitedLog _faults;
    private readonly TrustedPeers _peers;
    private readonly ConcurrentDictionary<IPAddress, Source> _sources = new();
    private readonly long _period;
    private readonly long _blockTime;
    private readonly Timer _sweeper;

    /// <param name="peers">Sources exempt besides the trusted networks (the other nodes of the cluster).</param>
    public Pike(PikeSettings settings, TransportMetrics metrics, RateLimitedLog faults, TrustedPeers peers)
    {
        _settings = settings;
        _peers = peers;
        _metrics = metrics;
        _faults = faults;
        _period = (long)settings.Period.TotalMilliseconds;
        _blockTime = (long)settings.BlockTime.TotalMilliseconds;
        var sweep = TimeSpan.FromMilliseconds(Math.Max(_period, _blockTime));
        _sweeper = new Timer(_ => Sweep(), null, sweep, sweep);
    }

    /// <summary>Seconds a blocked source is told to wait (Retry-After).</summary>
    public int RetryAfterSeconds => (int)Math.Ceiling(_settings.BlockTime.TotalSeconds);

    public PikeUdpAction UdpAction => _settings.UdpAction;

    /// <summary>Whether <paramref name="source"/> is blocked now, without counting anything (for a datagram to drop unparsed).</summary>
    public bool IsBlocked(IPAddress source) =>
        _settings.Enabled && _sources.TryGetValue(source, out var state) && Volatile.Read(ref state.BlockedUntil) > Environment.TickCount64;

    /// <summary>Counts one request from <paramref name="source"/>; false when it is (or now becomes) blocked.</summary>
    public bool Allow(IPAddress source)
    {
        if (!_settings.Enabled || IsExempt(source))
        {
            return true;
        }

        var now = Environment.TickCount64;
        var state = _sources.GetOrAdd(source, static (_, n) => new Source(n), now);
        var blockedUntil = Volatile.Read(ref state.BlockedUntil);
        if (blockedUntil > now)
        {
            return false;
        }

        // A block that has lifted starts the source afresh, rather than in the window that blocked it.
        if (blockedUntil != 0 && Interlocked.CompareExchange(ref state.BlockedUntil, 0, blockedUntil) == blockedUntil)
        {
            Volatile.Write(ref state.WindowStart, now);
            Interlocked.Exchange(ref state.Count, 0);
        }

        var windowStart = Volatile.Read(ref state.WindowStart);
        if (now - windowStart >= _period && Interlocked.CompareExchange(ref state.WindowStart, now, windowStart) == windowStart)
        {
            Interlocked.Exchange(ref state.Count, 0);
        }

        if (Interlocked.Increment(ref state.Count) <= _settings.Requests)
        {
            return true;
        }

        if (Interlocked.Exchange(ref state.BlockedUntil, now + _blockTime) <= now)
        {
            _metrics.PikeBlocked();
            _faults.Warning("Pike", new InvalidOperationException(
                $"more than {_settings.Requests} requests in {_settings.Period.TotalSeconds:0.###} s (cluster-sip.sip.pike)"),
                $"source {source} blocked for {_settings.BlockTime.TotalSeconds:0.###} s");
        }

        return false;
    }

    /// <summary>The sources blocked now.</summary>
    public IReadOnlyList<BlockedSource> Blocked()
    {
        var now = Environment.TickCount64;
        var wall = DateTimeOffset.UtcNow;
        return _sources
            .Select(s => (s.Key, Until: Volatile.Read(ref s.Value.BlockedUntil)))
            .Where(s => s.Until > now)
            .Select(s => new BlockedSource(s.Key, wall.AddMilliseconds(s.Until - now)))
            .OrderBy(s => s.Until)
            .ToList();
    }

    public void Dispose() => _sweeper.Dispose();

    private bool IsExempt(IPAddress source)
    {
        if (_settings.ExemptLoopback && IPAddress.IsLoopback(source))
        {
            return true;
        }

        foreach (var network in _settings.TrustedNetworks)
        {
            if (network.Contains(source))
            {
                return true;
            }
        }

        return _peers.Contains(source);
    }

    /// <summary>Forgets sources neither blocked nor heard from in the last window, so spoofed floods cannot grow the table for ever.</summary>
    private void Sweep()
    {
        var now = Environment.TickCount64;
        foreach (var (address, state) in _sources)
        {
            if (Volatile.Read(ref state.BlockedUntil) <= now && now - Volatile.Read(ref state.WindowStart) >= _period)
            {
                _sources.TryRemove(new KeyValuePair<IPAddress, Source>(address, state));
            }
        }
    }

    private sealed class Source(long now)
    {
        public long WindowStart = now;
        public int Count;
        public long BlockedUntil;
    }
}
