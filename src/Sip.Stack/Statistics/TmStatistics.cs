using System.Diagnostics.Metrics;

namespace ClusterSip.Sip.Stack.Statistics;

/// <summary>
/// The statistics of the <c>tm</c> module, as instruments of the Meter <c>ClusterSip.Sip.Tm</c> (names as in the module)
/// and as a resettable <see cref="Snapshot"/>. All members are thread-safe.
/// </summary>
public sealed class TmStatistics : IDisposable
{
    public const string MeterName = "ClusterSip.Sip.Tm";

    private readonly Meter _meter;
    private readonly Counter<long> _receivedReplies;
    private readonly Counter<long> _relayedReplies;
    private readonly Counter<long> _localReplies;
    private readonly Counter<long> _uasTransactions;
    private readonly Counter<long> _uacTransactions;
    private readonly Counter<long>[] _completed = new Counter<long>[5];
    private readonly long[] _completedCounts = new long[5];
    private long _received;
    private long _relayed;
    private long _local;
    private long _uas;
    private long _uac;
    private long _inUse;

    public TmStatistics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _receivedReplies = _meter.CreateCounter<long>("received_replies", description: "Replies received by tm.");
        _relayedReplies = _meter.CreateCounter<long>("relayed_replies", description: "Replies received and relayed upstream by tm.");
        _localReplies = _meter.CreateCounter<long>("local_replies", description: "Replies generated locally by tm.");
        _uasTransactions = _meter.CreateCounter<long>("UAS_transactions", description: "Transactions created by received requests.");
        _uacTransactions = _meter.CreateCounter<long>("UAC_transactions", description: "Transactions created by locally generated requests.");
        for (var i = 0; i < 5; i++)
        {
            _completed[i] = _meter.CreateCounter<long>($"{i + 2}xx_transactions", description: $"Transactions completed with a {i + 2}xx final reply.");
        }

        _meter.CreateObservableUpDownCounter("inuse_transactions", () => Volatile.Read(ref _inUse), description: "Transactions currently in memory.");
    }

    public void ReplyReceived()
    {
        Interlocked.Increment(ref _received);
        _receivedReplies.Add(1);
    }

    public void ReplyRelayed()
    {
        Interlocked.Increment(ref _relayed);
        _relayedReplies.Add(1);
    }

    public void LocalReply()
    {
        Interlocked.Increment(ref _local);
        _localReplies.Add(1);
    }

    /// <summary>A server (UAS) transaction was created; it is in use until <see cref="TransactionEnded"/>.</summary>
    public void UasTransactionStarted()
    {
        Interlocked.Increment(ref _uas);
        Interlocked.Increment(ref _inUse);
        _uasTransactions.Add(1);
    }

    /// <summary>A transaction for a locally generated request was created; in use until <see cref="TransactionEnded"/>.</summary>
    public void UacTransactionStarted()
    {
        Interlocked.Increment(ref _uac);
        Interlocked.Increment(ref _inUse);
        _uacTransactions.Add(1);
    }

    public void TransactionEnded() => Interlocked.Decrement(ref _inUse);

    /// <summary>A transaction got its final reply (sent upstream, or received for a local request).</summary>
    public void TransactionCompleted(int statusCode)
    {
        var i = (statusCode / 100) - 2;
        if (i is >= 0 and < 5)
        {
            Interlocked.Increment(ref _completedCounts[i]);
            _completed[i].Add(1);
        }
    }

    public TmStatisticsSnapshot Snapshot() => new(
        Volatile.Read(ref _received),
        Volatile.Read(ref _relayed),
        Volatile.Read(ref _local),
        Volatile.Read(ref _uas),
        Volatile.Read(ref _uac),
        Volatile.Read(ref _completedCounts[0]),
        Volatile.Read(ref _completedCounts[1]),
        Volatile.Read(ref _completedCounts[2]),
        Volatile.Read(ref _completedCounts[3]),
        Volatile.Read(ref _completedCounts[4]),
        Volatile.Read(ref _inUse));

    /// <summary>Zeroes every resettable statistic of the snapshot (all but inuse_transactions; Meter counters stay monotonic).</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _received, 0);
        Interlocked.Exchange(ref _relayed, 0);
        Interlocked.Exchange(ref _local, 0);
        Interlocked.Exchange(ref _uas, 0);
        Interlocked.Exchange(ref _uac, 0);
        for (var i = 0; i < 5; i++)
        {
            Interlocked.Exchange(ref _completedCounts[i], 0);
        }
    }

    public void Dispose() => _meter.Dispose();
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
    long InUseTransactions);
