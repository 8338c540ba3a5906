namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>The timers of the transactions: RFC 3261 17 letters, plus fr, wt and delete of the tm module.</summary>
internal enum TransactionTimer
{
    A,
    B,
    D,
    E,
    F,
    G,
    H,
    I,
    J,
    K,

    /// <summary>fr_timer / fr_inv_timer: a branch waiting too long for a (final) reply.</summary>
    Fr,

    /// <summary>wt_timer: a finished transaction absorbing late messages.</summary>
    Wait,

    /// <summary>delete_timer: a finished server transaction re-checking whether its branches ended.</summary>
    Delete,
}

/// <summary>Durations fixed by RFC 3261.</summary>
internal static class TransactionTimers
{
    /// <summary>Timer D: at least 32 s for unreliable transports, 0 for reliable ones (RFC 3261 17.1.1.2).</summary>
    public static readonly TimeSpan TimerDUnreliable = TimeSpan.FromSeconds(32);
}
