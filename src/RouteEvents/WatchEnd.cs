using Akka.Actor;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Proxy;

namespace ClusterSip.RouteEvents;

/// <summary>Ends a watch with its transaction (at the final reply sent upstream, or when the transaction ends), or when disposed.</summary>
internal sealed class WatchEnd(IActorRef hub, long id) : ITransactionCallbacks, IDisposable
{
    public void OnResponseSent(SipResponse response, bool local)
    {
        if (response.IsFinal)
        {
            hub.Tell(new Unwatch(id));
        }
    }

    public void OnEnded() => hub.Tell(new Unwatch(id));

    public void Dispose() => hub.Tell(new Unwatch(id));
}
