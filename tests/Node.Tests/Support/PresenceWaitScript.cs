using System.Globalization;
using ClusterSip.Presence;
using ClusterSip.Presence.B2b;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Routing;

namespace ClusterSip.Node.Tests.Support;

/// <summary>
/// A route script (cluster-sip.routing.script names it) that parks every INVITE until its Request-URI's presentity is
/// open: 486 "Open NOTE" when a PRESENCE event says so, 480 when X-Timeout (ms) passes first. A script is created by
/// its class name, so the test hands it the node's bus through <see cref="Events"/> before sending an INVITE.
/// </summary>
public sealed class PresenceWaitScript : IRouteScript
{
    public static IRouteEvents? Events { get; set; }

    public void OnRequest(RouteContext context)
    {
        var request = context.Request;
        if (request.Method != SipMethods.Invite)
        {
            context.TReply(405, "Method Not Allowed");
            return;
        }

        var filter = new Dictionary<string, string>
        {
            [PresenceEvent.Presentity] = SubscriptionKey.Address(request.RequestUri),
            [PresenceEvent.Basic] = "open",
        };
        var timeout = TimeSpan.FromMilliseconds(int.Parse(request.Headers.Get("X-Timeout") ?? "20000", CultureInfo.InvariantCulture));
        Events!.WaitFor(context, PresenceEvent.Name, filter, timeout, (resumed, routeEvent) =>
        {
            if (routeEvent is null)
            {
                resumed.TReply(480, "Still not open");
                return;
            }

            resumed.TReply(486, $"Open {routeEvent[PresenceEvent.Note]} ({routeEvent[PresenceEvent.Source]})");
        });
    }
}
