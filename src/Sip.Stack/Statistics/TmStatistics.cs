using System.Diagnostics.Metrics;

namespace ClusterSip.Sip.Stack.Statistics;

/// <summary>
/// The statistics of the <c>tm</c> module, as instruments of the Meter <c>ClusterSip.Sip.Tm</c> (names as in the module)
/// and as a resettable <see cref="Snapshot"/>. All members are thread-safe. Counting is one interlocked increment: the
/// instruments are observable (read when exported), since measurement callbacks on the message path cost more than
/// the increments they report.
/// </summary>
public sealed class TmStatistics : IDisposable
{
    public const string MeterName = "ClusterSip.Sip.Tm";

    private const int Received = 0;
    private const int Relayed = 1;
    private const int Local = 2;
    private const int Uas = 3;
    private const int Uac = 4;
    private const int Completed2xx = 5;
    private const int Shed = 10;
    private const int Count = 11;

    private readonly Meter _meter;

    // Monotonic totals (what the meter exports) and the totals at the last Reset (what the snapshot subtracts).
    private readonly long[] _totals = new long[Count];
    private readonly long[] _resetAt = new long[Count];
    private long _inUse;

    public TmStatistics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        Observe(Received, "received_replies", "Replies received by tm.");
        Observe(Relayed, "relayed_replies", "Replies received and relayed upstream by tm.");
        Observe(Local, "local_replies", "Replies generated locally by tm.");
        Observe(Uas, "UAS_transactions", "Transactions created by received requests.");
        Observe(Uac, "UAC_transactions", "Transactions created by locally generated requests.");
        for (var i = 0; i < 5; i++)
        {
            Observe(Completed2xx + i, $"{i + 2}xx_transactions", $"Transactions completed with a {i + 2}xx final reply.");
        }

        Observe(Shed, "overload_replies", "New requests answered 503 unstarted because their UDP listener was overloaded (not a tm statistic).");
        _meter.CreateObservableUpDownCounter("inuse_transactions", () => Volatile.Read(ref _inUse), description: "Transactions currently in memory.");
    }

    public void ReplyReceived() => Interlocked.Increment(ref _totals[Received]);

    public void ReplyRelayed() => Interlocked.Increment(ref _totals[Relayed]);

    public void LocalReply() => Interlocked.Increment(ref _totals[Local]);

    /// <summary>A new request was answered 503 unstarted because its listener was overloaded (also a local reply).</summary>
    public void OverloadReply()
    {
        Interlocked.Increment(ref _totals[Local]);
        Interlocked.Increment(ref _totals[Shed]);
    }

    /// <summary>A server (UAS) transaction was created; it is in use until <see cref="TransactionEnded"/>.</summary>
    public void UasTransactionStarted()
    {
        Interlocked.Increment(ref _totals[Uas]);
        Interlocked.Increment(ref _inUse);
    }

    /// <summary>A transaction for a locally generated request was created; in use until <see cref="TransactionEnded"/>.</summary>
    public void UacTransactionStarted()
    {
        Interlocked.Increment(ref _totals[Uac]);
        Interlocked.Increment(ref _inUse);
    }

    public void TransactionEnded() => Interlocked.Decrement(ref _inUse);

    /// <summary>A transaction got its final reply (sent upstream, or received for a local request).</summary>
    public void TransactionCompleted(int statusCode)
    {
        var i = (statusCode / 100) - 2;
        if (i is >= 0 and < 5)
        {
            Interlocked.Increment(ref _totals[Completed2xx + i]);
        }
    }

    public TmStatisticsSnapshot Snapshot() => new(
        SinceReset(Received),
        SinceReset(Relayed),
        SinceReset(Local),
        SinceReset(Uas),
        SinceReset(Uac),
        SinceReset(Completed2xx),
        SinceReset(Completed2xx + 1),
        SinceReset(Completed2xx + 2),
        SinceReset(Completed2xx + 3),
        SinceReset(Completed2xx + 4),
        Volatile.Read(ref _inUse),
        SinceReset(Shed));

    /// <summary>Zeroes every resettable statistic of the snapshot (all but inuse_transactions; Meter counters stay monotonic).</summary>
    public void Reset()
    {
        for (var i = 0; i < Count; i++)
        {
            Volatile.Write(ref _resetAt[i], Volatile.Read(ref _totals[i]));
        }
    }

    public void Dispose() => _meter.Dispose();

    private void Observe(int index, string name, string description) =>
        _meter.CreateObservableCounter(name, () => Volatile.Read(ref _totals[index]), description: description);

    private long SinceReset(int index) => Volatile.Read(ref _totals[index]) - Volatile.Read(ref _resetAt[index]);
}

/// <summary>The tm statistics at one moment, under their module names (see docs/tm.md).</summary>
public sealed record TmStatisticsSnapshot(
    long ReceivedReplies,
    long RelayedReplies,
    long LocalReplies,
    long UasTransactions,
    long UacTransactions,
    long Transactions2xx,
    long Transactions3xx,
    long Transactions4xx,
    long Transactions5xx,
    long Transactions6xx,
    long InUseTransactions,
    long OverloadReplies);
