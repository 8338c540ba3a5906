using Akka.Cluster.Sharding;

namespace ClusterSip.Presence.B2b;

/// <summary>Finds the subscription of a message: its (presentity, subscriber) key.</summary>
public sealed class SubscriptionMessageExtractor(int maxShards) : HashCodeMessageExtractor(maxShards)
{
    public override string? EntityId(object message) => message switch
    {
        SubscribePresence s => SubscriptionKey.TryOf(s.Presentity, s.Subscriber).Key,
        StartSubscription s => SubscriptionKey.TryOf(s.Request.Presentity, s.Request.Subscriber).Key,
        UnsubscribePresence u => SubscriptionKey.TryOf(u.Presentity, u.Subscriber).Key,
        IncomingNotify n => n.Key,
        GetSubscription g => g.Key,
        EndSubscription e => e.Key,
        _ => null,
    };
}
