namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>
/// The parameters of the SER/Kamailio <c>tm</c> module, plus T4 of RFC 3261; the node reads them from
/// <c>cluster-sip.tm</c> (same key names as the module; defaults and comments in hocon/node.conf).
/// </summary>
public sealed record TmSettings
{
    /// <summary><c>fr_timer</c>: no reply at all within this time ends the branch (408 / failure route).</summary>
    public required TimeSpan FrTimer { get; init; }

    /// <summary><c>fr_inv_timer</c>: no final reply to an INVITE within this time after its first provisional reply.</summary>
    public required TimeSpan FrInvTimer { get; init; }

    /// <summary><c>wt_timer</c>: how long a finished transaction stays to absorb late messages.</summary>
    public required TimeSpan WtTimer { get; init; }

    /// <summary><c>delete_timer</c>: retry interval for deleting a finished transaction that is still in use (branches alive).</summary>
    public required TimeSpan DeleteTimer { get; init; }

    /// <summary><c>T1_timer</c>: RFC 3261 T1, the first retransmission interval.</summary>
    public required TimeSpan T1 { get; init; }

    /// <summary><c>T2_timer</c>: RFC 3261 T2, the maximum retransmission interval (not below T1).</summary>
    public required TimeSpan T2 { get; init; }

    /// <summary><c>T4_timer</c>: RFC 3261 T4, how long the network may hold a message (Timers I and K).</summary>
    public required TimeSpan T4 { get; init; }

    /// <summary><c>noisy_ctimer</c>: on an INVITE fr timeout, CANCEL the branch instead of dropping it silently.</summary>
    public required bool NoisyCTimer { get; init; }

    /// <summary><c>restart_fr_on_each_reply</c>: restart the final-response timer on every provisional reply.</summary>
    public required bool RestartFrOnEachReply { get; init; }

    /// <summary><c>ruri_matching</c>: include the Request-URI in pre-3261 transaction matching.</summary>
    public required bool RuriMatching { get; init; }

    /// <summary><c>via1_matching</c>: include the top Via in pre-3261 transaction matching.</summary>
    public required bool Via1Matching { get; init; }

    /// <summary><c>unix_tx_timeout</c>: send timeout of <c>t_write_unix</c>.</summary>
    public required TimeSpan UnixTxTimeout { get; init; }

    /// <summary><c>pass_provisional_replies</c>: also write provisional replies to t_write_* applications.</summary>
    public required bool PassProvisionalReplies { get; init; }

    /// <summary><c>syn_branch</c>: synonym branches (random branch id, no loop-detection hash) instead of hash-based ones.</summary>
    public required bool SynBranch { get; init; }

    /// <summary><c>tw_append</c>: extra lines for t_write_fifo/t_write_unix (<c>name:element(;element)*</c>, see <see cref="TwAppendSpec"/>).</summary>
    public required string TwAppend { get; init; }

    /// <summary><c>fr_timer_avp</c>: name of the transaction AVP (seconds) that overrides fr_timer; empty = off.</summary>
    public required string FrTimerAvp { get; init; }

    /// <summary><c>fr_inv_timer_avp</c>: name of the transaction AVP (seconds) that overrides fr_inv_timer; empty = off.</summary>
    public required string FrInvTimerAvp { get; init; }

    /// <summary>
    /// <c>managers</c> (not a tm parameter): how many transaction managers create the server transactions, each for its
    /// share of transaction ids; 0 = one per processor.
    /// </summary>
    public required int Managers { get; init; }

    /// <summary><c>onreply_avp_mode</c>: 0 = reply routes get their own empty AVP list; 1 = they see and change the transaction's.</summary>
    public required int OnReplyAvpMode { get; init; }

    /// <summary>RFC 3261 Timer B/F/H/J: 64*T1.</summary>
    public TimeSpan SixtyFourT1 => T1 * 64;
}
