using ClusterSip.Sip.Messages;

namespace ClusterSip.Dialogs;

/// <summary>
/// Kamailio's detect_spirals: an initial INVITE that a route script relayed to a URI of this node comes back as a new
/// transaction (another Request-URI, so no loop) with the Call-ID and From tag of the call it left. The Via this node
/// added tells it from a new call with the same Call-ID and From tag (an INVITE retried after 401/407, RFC 3261
/// 22.2), which comes straight from the caller and is a call of its own.
/// </summary>
public static class Spirals
{
    /// <summary>The route of the call <paramref name="invite"/> spiralled from; null when it starts a call.</summary>
    /// <param name="cameThroughThisNode">A Via of the INVITE names this node (<c>RouteContext.CameThroughMyself</c>).</param>
    public static DialogRoute? CallOf(DialogRegistry registry, SipRequest invite, bool cameThroughThisNode) =>
        cameThroughThisNode && invite.ToTag is null && invite.FromTag is { } fromTag && invite.CallId is { } sipCallId
        && registry.FindRoute(sipCallId) is { } route && route.CallerTag == fromTag
            ? route
            : null;
}
