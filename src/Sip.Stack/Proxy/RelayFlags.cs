namespace ClusterSip.Sip.Stack.Proxy;

/// <summary>The flags of t_relay / t_replicate.</summary>
[Flags]
public enum RelayFlags
{
    None = 0,

    /// <summary>0x01: do not send 100 Trying when the transaction is created.</summary>
    NoTrying = 0x01,

    /// <summary>0x02: do not reply with a negative final response when relaying fails at creation time.</summary>
    NoNegativeReply = 0x02,

    /// <summary>0x04: no failover to further addresses of the target (transport errors, 503, timeouts).</summary>
    NoFailover = 0x04,
}
