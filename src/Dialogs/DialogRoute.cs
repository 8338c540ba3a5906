namespace ClusterSip.Dialogs;

/// <summary>
/// How an in-dialog request of a call is relayed, kept where the request hook reads it without waiting: both parties'
/// tags and targets and the route sets from this proxy towards each (nearest first). Until the call is answered the
/// callee is unknown (null tag).
/// </summary>
public sealed record DialogRoute(
    string CallId,
    string SipCallId,
    string CallerTag,
    string? CallerTarget,
    IReadOnlyList<string> RoutesTowardsCaller,
    string? CalleeTag,
    string? CalleeTarget,
    IReadOnlyList<string> RoutesTowardsCallee)
{
    /// <summary>Whether a request with these tags belongs to this dialog, and whether the caller sent it.</summary>
    public bool Matches(string? fromTag, string? toTag, out bool fromCaller)
    {
        fromCaller = fromTag == CallerTag && toTag == CalleeTag;
        return CalleeTag is not null && (fromCaller || (fromTag == CalleeTag && toTag == CallerTag));
    }

    /// <summary>
    /// The callee's route set seen from this proxy: the answer's Record-Route holds, top first, the proxies beyond this
    /// one (nearest the callee first), this proxy's own entry (it names the call), then those towards the caller.
    /// </summary>
    public static IReadOnlyList<string> TowardsCallee(IReadOnlyList<string> recordRoutes, IReadOnlyList<string> towardsCaller, string callId)
    {
        var beyond = Math.Max(0, recordRoutes.Count - towardsCaller.Count);
        return recordRoutes.Take(beyond).Where(r => !r.Contains(callId, StringComparison.Ordinal)).Reverse().ToList();
    }
}
