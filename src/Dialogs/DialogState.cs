namespace ClusterSip.Dialogs;

/// <summary>The states of a dialog (RFC 3261 12; Kamailio's dialog states 1-5 without "confirmed, not ACKed").</summary>
public enum DialogState
{
    /// <summary>The INVITE was taken; no provisional response with a To tag yet.</summary>
    Unconfirmed,

    /// <summary>At least one early dialog exists (a 1xx with a To tag; one per To tag when the INVITE forks).</summary>
    Early,

    /// <summary>A 2xx answered the INVITE.</summary>
    Confirmed,

    /// <summary>Ended: BYE, a final non-2xx to the INVITE, or the system ended it.</summary>
    Terminated,
}
