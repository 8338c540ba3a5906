namespace ClusterSip.CallEvents;

/// <summary>The values of <see cref="CallFailed.Cause"/> (and of <see cref="CallReleased.Reason"/> for a lost node).</summary>
public static class FailureCauses
{
    /// <summary>Every branch answered with a final non-2xx response.</summary>
    public const string Rejected = "rejected";

    /// <summary>The caller sent CANCEL.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>No final response before fr_inv_timer / fr_timer.</summary>
    public const string Timeout = "timeout";

    /// <summary>The node serving the call's dialog left the cluster or stayed unreachable (emitted by the callstore).</summary>
    public const string NodeLost = "node-lost";
}
