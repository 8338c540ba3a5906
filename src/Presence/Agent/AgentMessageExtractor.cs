using Akka.Cluster.Sharding;
using ClusterSip.Presence.B2b;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Presence.Agent;

/// <summary>Finds the presentity of a message: the address of its URI (<see cref="SubscriptionKey.Address(string)"/>).</summary>
public sealed class AgentMessageExtractor(int maxShards) : HashCodeMessageExtractor(maxShards)
{
    public override string? EntityId(object message) => message switch
    {
        AgentRequest r => r.Key,
        SubscribePresence s => AddressOf(s.Presentity),
        UnsubscribePresence u => AddressOf(u.Presentity),
        GetPresentity g => g.Key,
        _ => null,
    };

    private static string? AddressOf(string uri) => AnyUri.TryParse(uri, out _) ? SubscriptionKey.Address(uri) : null;
}
