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
    private const string Fault = "Stateless forwarding";

    /// <summary>
    /// Forwards a request by its Route set or Request-URI; dropped when it cannot go anywhere but here. Nothing answers
    /// a stateless request, so a lookup or send that fails is logged to <paramref name="faults"/> and the request dropped.
    /// </summary>
    public static void ForwardRequest(SipRequest request, ISipTransport transport, ITargetResolver resolver, RateLimitedLog faults)
    {
        if (PrepareRequest(request, transport) is not { } next)
        {
            return;
        }

        ValueTask<IReadOnlyList<SipEndPoint>> resolving;
        try
        {
            resolving = resolver.ResolveAsync(next);
        }
        catch (Exception e)
        {
            faults.Warning(Fault, e, Describe(request, next));
            return;
        }

        if (resolving.IsCompletedSuccessfully)
        {
            SendRequest(request, resolving.Result, transport, faults, next);
        }
        else
        {
            // Nothing of an actor is touched here: the request is ours alone and the transport is thread-safe.
            _ = resolving.AsTask().ContinueWith(
                t =>
                {
                    if (t.IsCompletedSuccessfully)
                    {
                        SendRequest(request, t.Result, transport, faults, next);
                    }
                    else
                    {
                        faults.Warning(Fault, t.Exception?.GetBaseException() ?? new TaskCanceledException(t), Describe(request, next));
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.None,
                TaskScheduler.Default);
        }
    }

    private static string Describe(SipRequest request, SipUri next) => request.Method + " " + request.CallId + " to " + next;

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

    /// <summary>
    /// Pushes our Via and sends. The branch is derived from the received one by a hash that is the same in every
    /// process, so a retransmission gets the same branch from any node, before or after a restart (RFC 3261 16.11).
    /// </summary>
    private static void SendRequest(SipRequest request, IReadOnlyList<SipEndPoint> destinations, ISipTransport transport, RateLimitedLog faults, SipUri next)
    {
        if (destinations.Count == 0)
        {
            return;
        }

        try
        {
            var destination = destinations[0];
            var local = transport.GetLocalEndPoint(destination.Protocol);
            var branch = BranchIds.Create(BranchIds.LoopHash(request), StableHash(request.TopVia?.Branch ?? string.Empty));
            request.PushVia(new ViaHeader(
                destination.ViaTransport,
                local.Address.Address.ToString(),
                local.Address.Port,
                new SipParameters([new SipParameter("branch", branch)])));
            _ = LargeRequests.OverTcp(request, destination, transport) is { } tcp
                ? SendOverTcpAsync(tcp.Request, tcp.Destination, request, destination, transport)
                : transport.SendRequestAsync(request, destination).AsTask();
        }
        catch (Exception e)
        {
            faults.Warning(Fault, e, Describe(request, next));
        }
    }

    /// <summary>A request moved to TCP for its size goes over UDP after all when the connection fails (RFC 3261 18.1.1).</summary>
    private static async Task SendOverTcpAsync(SipRequest tcp, SipEndPoint tcpDestination, SipRequest udp, SipEndPoint udpDestination, ISipTransport transport)
    {
        if (!(await transport.SendRequestAsync(tcp, tcpDestination).ConfigureAwait(false)).Sent)
        {
            await transport.SendRequestAsync(udp, udpDestination).ConfigureAwait(false);
        }
    }

    /// <summary>FNV-1a (32 bits): unlike <see cref="string.GetHashCode()"/>, not seeded per process.</summary>
    private static string StableHash(string value)
    {
        var hash = 2166136261U;
        foreach (var c in value)
        {
            hash = (hash ^ c) * 16777619U;
        }

        return hash.ToString("x8", CultureInfo.InvariantCulture);
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
