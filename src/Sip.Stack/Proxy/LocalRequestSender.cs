using Akka.Actor;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Resolution;
using ClusterSip.Sip.Stack.Transactions;
using ClusterSip.Sip.Stack.Transport;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Sip.Stack.Proxy;

/// <summary>
/// Starts a locally generated request from outside any transaction (a dialog module's BYE, say) in a
/// <see cref="UacTransaction"/>: the next hop is taken from its Route set or Request-URI (RFC 3261 8.1.2; a strict-router
/// top Route rewrites the request as in 16.6 steps 6-7), resolved (RFC 3263), and our Via with a fresh branch is pushed.
/// The owner then hears <see cref="ClientResponse"/>, <see cref="ClientTimeout"/> or <see cref="ClientTransportError"/>
/// with the tag as their BranchIndex; a next hop that cannot be resolved or used is a ClientTransportError too.
/// Only the first resolved address is tried. Safe to call from any thread; never blocks.
/// </summary>
public sealed class LocalRequestSender(TransactionLayer layer, ITargetResolver resolver)
{
    public void Send(SipRequest request, IActorRef owner, int tag = 0)
    {
        if (RouteSet.NextHop(request) is not SipUri next)
        {
            owner.Tell(new ClientTransportError(tag, $"no SIP next hop for {request.RequestUri}"));
            return;
        }

        var resolving = resolver.ResolveAsync(next);
        if (resolving.IsCompletedSuccessfully)
        {
            Start(request, next, resolving.Result, owner, tag);
            return;
        }

        _ = resolving.AsTask().ContinueWith(
            t =>
            {
                if (t.IsCompletedSuccessfully)
                {
                    Start(request, next, t.Result, owner, tag);
                }
                else
                {
                    owner.Tell(new ClientTransportError(tag, $"resolving {next} failed: {t.Exception?.GetBaseException().Message ?? "cancelled"}"));
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.None,
            TaskScheduler.Default);
    }

    private void Start(SipRequest request, SipUri next, IReadOnlyList<SipEndPoint> destinations, IActorRef owner, int tag)
    {
        if (destinations.Count == 0)
        {
            owner.Tell(new ClientTransportError(tag, $"{next} resolves to no address"));
            return;
        }

        var destination = destinations[0];
        SipEndPoint local;
        try
        {
            local = layer.Environment.Transport.GetLocalEndPoint(destination.Protocol);
        }
        catch (InvalidOperationException e)
        {
            owner.Tell(new ClientTransportError(tag, e.Message));
            return;
        }

        request.PushVia(OurVia.Create(local, destination, SipIds.NewBranch()));
        layer.Manager.Tell(new StartUacTransaction(request, destination, tag), owner);
    }
}
