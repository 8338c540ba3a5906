using System.Globalization;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Routing;
using ClusterSip.Sip.Uris;

namespace ClusterSip.RouteEvents.Tests;

/// <summary>
/// The route script of node A. An INVITE to <c>wait@</c> waits for one PING with its Call-ID (486 "Woken VALUE", or
/// 480 on timeout); to <c>subscribe@</c> it relays to the <c>contact</c> of every PING with its Call-ID and answers 480
/// when the subscription times out. X-Timeout (ms) sets the timeout.
/// </summary>
public sealed class EventScript(IRouteEvents events) : IRouteScript
{
    private int _resumed;

    /// <summary>How many times a wait or a subscription resumed a route with an event.</summary>
    public int Resumed => Volatile.Read(ref _resumed);

    public void OnRequest(RouteContext context)
    {
        var request = context.Request;
        if (request.Method != SipMethods.Invite || request.RequestUri is not SipUri uri)
        {
            context.TRelay();
            return;
        }

        var filter = new Dictionary<string, string> { ["callid"] = request.CallId! };
        var timeout = TimeSpan.FromMilliseconds(int.Parse(request.Headers.Get("X-Timeout") ?? "10000", CultureInfo.InvariantCulture));
        if (uri.User == "wait")
        {
            events.WaitFor(context, TwoNodes.EventName, filter, timeout, (resumed, routeEvent) =>
            {
                if (routeEvent is null)
                {
                    resumed.TReply(480, "Timed out");
                    return;
                }

                Interlocked.Increment(ref _resumed);
                resumed.TReply(486, $"Woken {routeEvent["value"]}");
            });
            return;
        }

        events.Subscribe(
            context,
            TwoNodes.EventName,
            filter,
            (resumed, routeEvent) =>
            {
                Interlocked.Increment(ref _resumed);
                resumed.SetUri(routeEvent["contact"]!);
                resumed.TRelay();
            },
            timeout,
            expired: resumed =>
            {
                resumed.TReply(480, "Temporarily Unavailable");
                resumed.TCancelBranches();
            });
    }
}
