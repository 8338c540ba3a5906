using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Transport;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Sip.Stack.Proxy;

/// <summary>Route header processing of RFC 3261 16.4 (on receipt) and 16.6 steps 6-7 (choosing the next hop).</summary>
public static class RouteSet
{
    /// <summary>
    /// 16.4: when the Request-URI is one of our Record-Route URIs (the previous hop is a strict router), the last Route
    /// becomes the Request-URI; then a top Route naming this proxy is removed, and a second one right below it too
    /// (the pair this proxy records when bridging transports, RFC 5658 4).
    /// </summary>
    /// <returns>The Route entry (or strict router's Request-URI) naming this proxy that was taken off; null when none.</returns>
    public static NameAddress? PreProcess(SipRequest request, ISipTransport transport)
    {
        NameAddress? own = null;
        var routes = request.Routes;
        if (routes.Count > 0 && LocalAddresses.IsLocal(transport, request.RequestUri))
        {
            own = new NameAddress(request.RequestUri);
            request.RequestUri = request.RemoveLastRoute()!.Uri;
            routes = request.Routes;
        }

        if (routes.Count > 0 && LocalAddresses.IsLocal(transport, routes[0].Uri))
        {
            own = routes[0];
            request.RemoveTopRoute();
            if (request.Routes is [var next, ..] && LocalAddresses.IsLocal(transport, next.Uri))
            {
                request.RemoveTopRoute();
            }
        }

        return own;
    }

    /// <summary>The top Route entry when it names this proxy (what <see cref="PreProcess"/> would take off), without changing the request.</summary>
    public static NameAddress? OwnTopRoute(SipRequest request, ISipTransport transport) =>
        request.Routes is [var top, ..] && LocalAddresses.IsLocal(transport, top.Uri) ? top : null;

    /// <summary>
    /// 16.6 steps 6-7: the URI to resolve for the next hop. With a strict-router top Route (no <c>lr</c>) the request is
    /// rewritten: the Request-URI goes to the end of the Route set and the top Route becomes the Request-URI. With no
    /// Route, a Request-URI that carries a WebSocket client's alias goes to the client's connection (<see cref="ContactAlias"/>).
    /// </summary>
    public static AnyUri NextHop(SipRequest request)
    {
        var routes = request.Routes;
        if (routes.Count == 0)
        {
            return ContactAlias.TakeFrom(request) ?? request.RequestUri;
        }

        var top = routes[0].Uri;
        if (top is SipUri { LooseRouting: false })
        {
            request.RemoveTopRoute();
            request.AppendRoute(new NameAddress(request.RequestUri));
            request.RequestUri = top;
        }

        return top;
    }
}
