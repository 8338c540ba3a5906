using System.Globalization;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Sip.Stack.Routing;

/// <summary>
/// The default script, driven by <see cref="RoutingSettings"/>: in-dialog and Route-carrying requests follow their
/// route; a new request goes to the destinations of its domain (else the default ones; none = 404), failing over to
/// the next destination on 5xx or a timeout without any reply, and an INVITE that rang for fr_inv_timer without an
/// answer goes to the no-answer URI. Which branch rang is remembered as branch flag <see cref="RangFlag"/>.
/// </summary>
public sealed class StaticRouteScript(RoutingSettings settings) : IRouteScript
{
    /// <summary>The branch flag set on a branch that got a provisional reply.</summary>
    public const int RangFlag = 31;

    private const string NextAvp = "static.next";
    private const string Failover = "static-failover";
    private const string Replies = "static-replies";

    public void OnRequest(RouteContext context)
    {
        var request = context.Request;
        if (request.ToTag is not null || request.Routes.Count > 0 || request.Method == SipMethods.Cancel)
        {
            context.TRelay(); // in-dialog (loose routing) or an unmatched CANCEL: forward as addressed (RFC 3261 16.10)
            return;
        }

        var destinations = request.RequestUri is SipUri uri ? settings.DestinationsFor(uri.Host) : [];
        if (destinations.Count == 0)
        {
            context.TReply(404, "Not Found");
            return;
        }

        if (settings.RecordRoute && request.Method is SipMethods.Invite or SipMethods.Subscribe or SipMethods.Refer)
        {
            context.RecordRoute();
        }

        context.Avps[NextAvp] = "1";
        context.TOnReply(Replies);
        context.TOnFailure(Failover);
        context.TRelay(destinations[0]);
    }

    public void OnReply(string name, RouteContext context)
    {
        if (name == Replies && context.Reply is { IsProvisional: true, StatusCode: > 100 })
        {
            context.SetBFlag(RangFlag);
        }
    }

    public void OnFailure(string name, RouteContext context)
    {
        if (name != Failover || context.TWasCancelled())
        {
            return;
        }

        var code = context.TReplyCode;
        if (code == 408 && context.IsBFlagSet(RangFlag))
        {
            if (settings.NoAnswerUri is { } noAnswer)
            {
                context.SetUri(noAnswer.ToString());
                context.TRelay();
            }

            return;
        }

        if (code < 500 && code != 408)
        {
            return;
        }

        var destinations = context.Request.RequestUri is SipUri uri ? settings.DestinationsFor(uri.Host) : [];
        var next = int.Parse(context.Avps.TryGetValue(NextAvp, out var n) ? n : "1", CultureInfo.InvariantCulture);
        if (next < destinations.Count)
        {
            context.Avps[NextAvp] = (next + 1).ToString(CultureInfo.InvariantCulture);
            context.TOnReply(Replies);
            context.TOnFailure(Failover);
            context.TRelay(destinations[next]);
        }
    }
}
