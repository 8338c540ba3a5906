namespace ClusterSip.Registrar.Auth;

public enum NonceState
{
    /// <summary>Issued by this node in its current run, and younger than nonce-expires.</summary>
    Valid,

    /// <summary>Issued by another node holding the secret (or by this node before a restart), younger than nonce-expires.</summary>
    Foreign,

    /// <summary>Issued by a node holding the secret, but older than nonce-expires.</summary>
    Stale,

    /// <summary>Not a nonce any node sharing the secret issued (forged, truncated, from another realm's server).</summary>
    Invalid,
}
