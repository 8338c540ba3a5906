using System.Diagnostics.Metrics;

namespace ClusterSip.Dialogs;

/// <summary>
/// The statistics of Kamailio's dialog module under its names, as instruments of the Meter <c>ClusterSip.Dialogs</c>
/// and as a <see cref="Snapshot"/>: active_dialogs and early_dialogs are current counts; processed_dialogs,
/// expired_dialogs and failed_dialogs count since start or the last <see cref="Reset"/>. Thread-safe.
/// </summary>
public sealed class DialogStatistics : IDisposable
{
    public const string MeterName = "ClusterSip.Dialogs";

    private const int Processed = 0;
    private const int Expired = 1;
    private const int Failed = 2;

    private readonly Meter _meter;
    private readonly long[] _totals = new long[3];
    private readonly long[] _resetAt = new long[3];
    private long _active;
    private long _early;

    public DialogStatistics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _meter.CreateObservableUpDownCounter("active_dialogs", () => Volatile.Read(ref _active), description: "Dialogs confirmed and not ended.");
        _meter.CreateObservableUpDownCounter("early_dialogs", () => Volatile.Read(ref _early), description: "Dialogs in the early state.");
        _meter.CreateObservableCounter("processed_dialogs", () => Volatile.Read(ref _totals[Processed]), description: "Dialogs created.");
        _meter.CreateObservableCounter("expired_dialogs", () => Volatile.Read(ref _totals[Expired]), description: "Dialogs ended by default-timeout.");
        _meter.CreateObservableCounter("failed_dialogs", () => Volatile.Read(ref _totals[Failed]), description: "Dialogs ended before they were confirmed.");
    }

    public void Created() => Interlocked.Increment(ref _totals[Processed]);

    /// <summary>A dialog went from <paramref name="from"/> to <paramref name="to"/>; <paramref name="expired"/>: by its timeout.</summary>
    public void Changed(DialogState from, DialogState to, bool expired)
    {
        if (from == to)
        {
            return;
        }

        Count(from, -1);
        Count(to, 1);
        if (to == DialogState.Terminated && from != DialogState.Confirmed)
        {
            Interlocked.Increment(ref _totals[Failed]);
        }

        if (expired)
        {
            Interlocked.Increment(ref _totals[Expired]);
        }
    }

    /// <summary>
    /// Confirmed dialogs beyond a call's first began (<paramref name="delta"/> above 0: further callees of a forked INVITE
    /// answered, RFC 3261 13.2.2.4) or ended (below 0). Each is a dialog of its own: processed when it begins, active
    /// while it lasts, expired when <paramref name="expired"/> (the call's timeout ended it).
    /// </summary>
    public void ExtraDialogs(int delta, bool expired)
    {
        Interlocked.Add(ref _active, delta);
        if (delta > 0)
        {
            Interlocked.Add(ref _totals[Processed], delta);
        }
        else if (expired)
        {
            Interlocked.Add(ref _totals[Expired], -delta);
        }
    }

    /// <summary>A dialog that had not ended is gone (its node is stopping).</summary>
    public void Discarded(DialogState state) => Count(state, -1);

    public DialogStatisticsSnapshot Snapshot() => new(
        Volatile.Read(ref _active),
        Volatile.Read(ref _early),
        SinceReset(Processed),
        SinceReset(Expired),
        SinceReset(Failed));

    /// <summary>Zeroes processed, expired and failed; the current counts stay.</summary>
    public void Reset()
    {
        for (var i = 0; i < _totals.Length; i++)
        {
            Volatile.Write(ref _resetAt[i], Volatile.Read(ref _totals[i]));
        }
    }

    public void Dispose() => _meter.Dispose();

    private void Count(DialogState state, int delta)
    {
        if (state == DialogState.Confirmed)
        {
            Interlocked.Add(ref _active, delta);
        }
        else if (state == DialogState.Early)
        {
            Interlocked.Add(ref _early, delta);
        }
    }

    private long SinceReset(int i) => Volatile.Read(ref _totals[i]) - Volatile.Read(ref _resetAt[i]);
}

public sealed record DialogStatisticsSnapshot(long ActiveDialogs, long EarlyDialogs, long ProcessedDialogs, long ExpiredDialogs, long FailedDialogs);
