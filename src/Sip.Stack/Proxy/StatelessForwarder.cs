using System.Globalization;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Resolution;
using ClusterSip.Sip.Stack.Transport;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Sip.Stack.Proxy;

/// <summary>
/// Stateless forwarding (RFC 3261 16.11) of what has no transaction: an ACK for a 2xx (routed by its Route set, or
/// its Request-URI) and a response matching no client transaction (its top Via popped, sent to the next Via).
/// </summary>
internal static class StatelessForwarder
{
    /// <summary>Forwards a request by its Route set or Request-URI; dropped when it cannot go anywhere but here.</summary>
    public static void ForwardRequest(SipRequest request, ISipTransport transport, ITargetResolver resolver)
    {
        if (PrepareRequest(request, transport) is not { } next)
        {
            return;
        }

        var resolving = resolver.ResolveAsync(next);
        if (resolving.IsCompletedSuccessfully)
        {
            SendRequest(request, resolving.Result, transport);
        }
        else
        {
            // Nothing of an actor is touched here: the request is ours alone and the transport is thread-safe.
            _ = resolving.AsTask().ContinueWith(
                t => SendRequest(request, t.Result, transport),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnRanToCompletion,
                TaskScheduler.Default);
        }
    }

    private static SipUri? PrepareRequest(SipRequest request, ISipTransport transport)
    {
        RouteSet.PreProcess(request, transport);
        if (request.MaxForwards == 0)
        {
            return null;
        }

        request.DecrementMaxForwards();
        return RouteSet.NextHop(request) is SipUri next && !LocalAddresses.IsLocal(transport, next) ? next : null;
    }

    /// <summary>Pushes our Via (a branch derived from the received one, so retransmissions keep it) and sends.</summary>
    private static void SendRequest(SipRequest request, IReadOnlyList<SipEndPoint> destinations, ISipTransport transport)
    {
        if (destinations.Count == 0)
        {
            return;
        }

        var destination = destinations[0];
        var local = transport.GetLocalEndPoint(destination.Protocol);
        var branch = BranchIds.Create(BranchIds.LoopHash(request), (request.TopVia?.Branch ?? string.Empty).GetHashCode(StringComparison.Ordinal).ToString("x8", CultureInfo.InvariantCulture));
        request.PushVia(new ViaHeader(
            destination.ViaTransport,
            local.Address.Address.ToString(),
            local.Address.Port,
            new SipParameters([new SipParameter("branch", branch)])));
        _ = transport.SendRequestAsync(request, destination).AsTask();
    }

    /// <summary>16.7 step 3 for a stray response: pop our Via and send to the next one (18.2.2).</summary>
    public static void ForwardResponse(SipResponse response, ISipTransport transport)
    {
        var vias = response.Vias;
        if (vias.Count < 2 || !LocalAddresses.IsLocal(transport, vias[0].Host, vias[0].Port))
        {
            return;
        }

        response.PopVia();
        _ = transport.SendResponseAsync(response).AsTask();
    }
}
