using Akka.Event;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Resolution;
using ClusterSip.Sip.Stack.Transactions;
using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Sip.Stack.Proxy;

/// <summary>
/// The node's transaction user: a <see cref="ProxyCore"/> for each server transaction, the request route for a request
/// with no transaction (an ACK of a 2xx, relayed statelessly if the route relays it), and stateless forwarding of a
/// response that matched no client transaction.
/// </summary>
internal sealed class StatefulProxy(IProxyRoutes routes, ISipTransport transport, TmSettings settings, ITargetResolver resolver, ILoggingAdapter log)
    : ITransactionUser
{
    public IProxyRoutes Routes { get; } = routes;

    public ISipTransport Transport { get; } = transport;

    public TmSettings Settings { get; } = settings;

    public ITargetResolver Resolver { get; } = resolver;

    /// <summary>Parameters added to every Record-Route of this node, after <c>lr</c>.</summary>
    public IReadOnlyList<SipParameter> RecordRouteParameters { get; init; } = [];

    public IServerTransactionUser Create(ServerTransaction transaction) => new ProxyCore(transaction, this);

    public void OnStatelessRequest(InboundMessage message)
    {
        var request = (SipRequest)message.Message;
        try
        {
            Routes.OnRequest(new RouteRun(this, null, RouteKind.Request, request) { OwnRoute = RouteSet.OwnTopRoute(request, Transport) });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.Error(e, "Request route failed for {0} {1} (no transaction); dropped", request.Method, request.CallId);
        }
    }

    public void OnStrayResponse(SipResponse response) => StatelessForwarder.ForwardResponse(response, Transport);

    /// <summary>t_relay of a request with no transaction: forwarded statelessly by its Route set or Request-URI (RFC 3261 16.11).</summary>
    public void RelayStateless(SipRequest request) => StatelessForwarder.ForwardRequest(request, Transport, Resolver);
}
