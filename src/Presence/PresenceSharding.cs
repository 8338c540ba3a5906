using Akka.Actor;
using Akka.Cluster.Sharding;
using ClusterSip.Presence.Agent;
using ClusterSip.Presence.B2b;

namespace ClusterSip.Presence;

/// <summary>
/// Starts the shard regions of the B2B subscriptions and of the agent's presentities. Both remember their entities:
/// after a node loss the entities start again on the surviving nodes and recover their journaled state.
/// </summary>
public static class PresenceSharding
{
    public const string SubscriptionsTypeName = "presence-b2b";
    public const string AgentTypeName = "presence-agent";

    /// <summary>Ten times a large cluster's node count, as Akka's sharding guide advises.</summary>
    private const int MaxShards = 100;

    public static IActorRef StartSubscriptions(ActorSystem system, PresenceB2bSettings settings, IRequestSender sender, LocalSubscriptionDialogs dialogs, ClusterShardingSettings sharding) =>
        ClusterSharding.Get(system).Start(
            SubscriptionsTypeName,
            key => SubscriptionActor.Props(key, settings, sender, dialogs),
            sharding.WithRememberEntities(true),
            new SubscriptionMessageExtractor(MaxShards));

    public static IActorRef StartAgent(ActorSystem system, PresenceAgentSettings settings, IRequestSender sender, ClusterShardingSettings sharding) =>
        ClusterSharding.Get(system).Start(
            AgentTypeName,
            key => PresentityActor.Props(key, settings, sender),
            sharding.WithRememberEntities(true),
            new AgentMessageExtractor(MaxShards));
}
