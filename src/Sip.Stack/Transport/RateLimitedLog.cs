using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ClusterSip.Sip.Stack.Transport;

/// <summary>
/// Warnings for faults a peer can provoke at line rate: at most one line per kind of fault and exception type per
/// interval, the next line telling how many were left out, so a flood neither hides the cause nor floods the log.
/// </summary>
public sealed class RateLimitedLog(ILogger logger, TimeSpan interval, TimeProvider time)
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<(string Kind, Type Cause), Window> _windows = new();

    public RateLimitedLog(ILogger logger)
        : this(logger, DefaultInterval, TimeProvider.System)
    {
    }

    /// <param name="kind">What failed, from a small fixed set ("UDP receive", "t_write_fifo"): it keys the rate limit.</param>
    /// <param name="context">Where it failed (a peer, a path); logged, not part of the key.</param>
    public void Warning(string kind, Exception cause, string context)
    {
        var window = _windows.GetOrAdd((kind, cause.GetType()), _ => new Window());
        var now = time.GetTimestamp();
        long suppressed;
        lock (window)
        {
            if (window.Logged && time.GetElapsedTime(window.LastLogged, now) < interval)
            {
                window.Suppressed++;
                return;
            }

            suppressed = window.Suppressed;
            window.Suppressed = 0;
            window.Logged = true;
            window.LastLogged = now;
        }

        logger.LogWarning(
            cause,
            "{Kind} failed ({Context}): {Cause}; {Suppressed} more like it since the last line",
            kind,
            context,
            cause.GetType().Name + ": " + cause.Message,
            suppressed);
    }

    private sealed class Window
    {
        public bool Logged;
        public long LastLogged;
        public long Suppressed;
    }
}
