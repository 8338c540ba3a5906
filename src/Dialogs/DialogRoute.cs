using Akka.Actor;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Dialogs;

/// <summary>
/// How an in-dialog request of a call is relayed, kept where the request hook reads it without waiting: the dialog
/// actor its inputs go to, the caller's tag, the route set from this proxy towards the caller (nearest first), and one
/// <see cref="CalleeRoute"/> per callee that answered (none until the call is answered; several when callees of a forked
/// INVITE answered, RFC 3261 13.2.2.4). Targets and route sets are parsed once, when recorded: URIs and name-addrs are
/// immutable, so every relayed request can take them as they are.
/// </summary>
public sealed record DialogRoute(
    string CallId,
    string SipCallId,
    string CallerTag,
    IReadOnlyList<NameAddress> RoutesTowardsCaller,
    IReadOnlyList<CalleeRoute> Callees,
    IActorRef Dialog)
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
    public DialogRoute WithCallee(CalleeRoute callee)
    {
        var callees = new CalleeRoute[Callees.Count + 1]; // every answer comes here: no closure, no iterators
        for (var i = 0; i < Callees.Count; i++)
        {
            if (Callees[i].Tag == callee.Tag)
            {
                return this;
            }

            callees[i] = Callees[i];
        }

        callees[^1] = callee;
        return this with { Callees = callees };
    }

    /// <summary>With the targets of the dialog with the callee tagged <paramref name="calleeTag"/> refreshed.</summary>
    public DialogRoute WithTargets(string calleeTag, AnyUri? callerTarget, AnyUri? calleeTarget) =>
        this with { Callees = Callees.Select(c => c.Tag == calleeTag ? c with { CallerTarget = callerTarget, CalleeTarget = calleeTarget } : c).ToArray() };

    /// <summary>The route set a Record-Route list makes (RFC 3261 12.1: its URIs, top first).</summary>
    public static IReadOnlyList<NameAddress> RouteSet(IReadOnlyList<NameAddress> recordRoutes)
    {
        if (recordRoutes.Count == 0)
        {
            return [];
        }

        var routes = new NameAddress[recordRoutes.Count];
        for (var i = 0; i < routes.Length; i++)
        {
            routes[i] = UriOnly(recordRoutes[i]);
        }

        return routes;
    }

    /// <summary>
    /// The callee's route set seen from this proxy: the answer's Record-Route holds, top first, the proxies beyond this
    /// one (nearest the callee first), this proxy's own entry (it names the call), then those towards the caller.
    /// </summary>
    public static IReadOnlyList<string> TowardsCallee(IReadOnlyList<string> recordRoutes, IReadOnlyList<string> towardsCaller, string callId) =>
        TowardsCallee(recordRoutes, towardsCaller.Count, callId, static (uri, id) => uri.Contains(id, StringComparison.Ordinal), static r => r);

    /// <inheritdoc cref="TowardsCallee(IReadOnlyList{string}, IReadOnlyList{string}, string)"/>
    public static IReadOnlyList<NameAddress> TowardsCallee(IReadOnlyList<NameAddress> recordRoutes, int towardsCaller, string callId) =>
        TowardsCallee(recordRoutes, towardsCaller, callId, static (r, id) => r.Uri is SipUri { Parameters: var p } && p[DialogHook.Cookie] == id, UriOnly);

    private static IReadOnlyList<T> TowardsCallee<T>(
        IReadOnlyList<T> recordRoutes, int towardsCaller, string callId, Func<T, string, bool> namesCall, Func<T, T> route)
    {
        var beyond = Math.Max(0, recordRoutes.Count - towardsCaller);
        if (beyond == 0)
        {
            return []; // the common case: no proxy beyond this one
        }

        var routes = new List<T>(beyond);
        for (var i = beyond - 1; i >= 0; i--)
        {
            if (!namesCall(recordRoutes[i], callId))
            {
                routes.Add(route(recordRoutes[i]));
            }
        }

        return routes;
    }

    private static NameAddress UriOnly(NameAddress address) =>
        address.DisplayName is null && address.Parameters.Count == 0 ? address : new NameAddress(address.Uri);
}

/// <summary>One confirmed dialog of a call: the callee's tag, both parties' targets in it, the route set towards the callee.</summary>
public sealed record CalleeRoute(string Tag, AnyUri? CalleeTarget, AnyUri? CallerTarget, IReadOnlyList<NameAddress> RoutesTowardsCallee);
