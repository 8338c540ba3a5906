namespace ClusterSip.Dialogs;

/// <summary>
/// How an in-dialog request of a call is relayed, kept where the request hook reads it without waiting: the caller's tag,
/// the route set from this proxy towards the caller (nearest first), and one <see cref="CalleeRoute"/> per callee that
/// answered (none until the call is answered; several when callees of a forked INVITE answered, RFC 3261 13.2.2.4).
/// </summary>
public sealed record DialogRoute(
    string CallId,
    string SipCallId,
    string CallerTag,
    IReadOnlyList<string> RoutesTowardsCaller,
    IReadOnlyList<CalleeRoute> Callees)
{
    public bool Answered => Callees.Count > 0;

    /// <summary>The confirmed dialog a request with these tags belongs to, and whether the caller sent it; null when none.</summary>
    public CalleeRoute? Find(string? fromTag, string? toTag, out bool fromCaller)
    {
        fromCaller = fromTag == CallerTag;
        var (callerTag, calleeTag) = fromCaller ? (fromTag, toTag) : (toTag, fromTag);
        if (callerTag != CallerTag)
        {
            return null;
        }

        for (var i = 0; i < Callees.Count; i++) // every in-dialog request comes here: no enumerator
        {
            if (Callees[i].Tag == calleeTag)
            {
                return Callees[i];
            }
        }

        return null;
    }

    /// <summary>With the dialog of a callee that answered (unchanged when its tag has one already: a retransmitted 2xx).</summary>
    public DialogRoute WithCallee(CalleeRoute callee) =>
        Callees.Any(c => c.Tag == callee.Tag) ? this : this with { Callees = Callees.Append(callee).ToArray() };

    /// <summary>With the targets of the dialog with the callee tagged <paramref name="calleeTag"/> refreshed.</summary>
    public DialogRoute WithTargets(string calleeTag, string? callerTarget, string? calleeTarget) =>
        this with { Callees = Callees.Select(c => c.Tag == calleeTag ? c with { CallerTarget = callerTarget, CalleeTarget = calleeTarget } : c).ToArray() };

    /// <summary>
    /// The callee's route set seen from this proxy: the answer's Record-Route holds, top first, the proxies beyond this
    /// one (nearest the callee first), this proxy's own entry (it names the call), then those towards the caller.
    /// </summary>
    public static IReadOnlyList<string> TowardsCallee(IReadOnlyList<string> recordRoutes, IReadOnlyList<string> towardsCaller, string callId)
    {
        var beyond = Math.Max(0, recordRoutes.Count - towardsCaller.Count);
        if (beyond == 0)
        {
            return []; // the common case: no proxy beyond this one
        }

        var routes = new List<string>(beyond);
        for (var i = beyond - 1; i >= 0; i--)
        {
            if (!recordRoutes[i].Contains(callId, StringComparison.Ordinal))
            {
                routes.Add(recordRoutes[i]);
            }
        }

        return routes;
    }
}

/// <summary>One confirmed dialog of a call: the callee's tag, both parties' targets in it, the route set towards the callee.</summary>
public sealed record CalleeRoute(string Tag, string? CalleeTarget, string? CallerTarget, IReadOnlyList<string> RoutesTowardsCallee);
