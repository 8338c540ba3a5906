using ClusterSip.Presence.B2b;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Routing;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Presence.Stack;

/// <summary>
/// The seed's example script for NOTIFYs to this node, run before the route script:
/// <c>if (uri==myself &amp;&amp; method=="NOTIFY") { if (!handle_notify()) t_reply("481", "Unable to handle notification"); }</c>.
/// "myself" is the Contact the B2B UA puts in its SUBSCRIBEs; NOTIFYs to anyone else go on to the route script.
/// </summary>
public sealed class PresenceNotifyHook(LocalSubscriptionDialogs dialogs, AnyUri localContact) : IRequestHook
{
    public bool OnRequest(RouteContext context)
    {
        var request = context.Request;
        if (request.Method != SipMethods.Notify || !context.HasTransaction || !(dialogs.IsOurs(request) || IsMyself(request.RequestUri)))
        {
            return false;
        }

        context.TNewTran();
        if (!HandleNotify(context, dialogs))
        {
            context.TReply(481, "Unable to handle notification");
        }

        return true;
    }

    /// <summary>
    /// handle_notify(): a NOTIFY of one of this node's subscriptions (confirmed or not yet) is passed to it and answered
    /// 200; false when there is no such subscription.
    /// </summary>
    public static bool HandleNotify(RouteContext context, LocalSubscriptionDialogs dialogs) =>
        dialogs.HandleNotify(context.Request) && context.TReply(200, "OK");

    private bool IsMyself(AnyUri uri) =>
        uri is SipUri sip && localContact is SipUri own
        && string.Equals(sip.Host, own.Host, StringComparison.OrdinalIgnoreCase) && (sip.Port ?? 5060) == (own.Port ?? 5060);
}
