using Akka.Actor;
using Akka.Cluster.Sharding;
using ClusterSip.Presence.Agent;
using ClusterSip.Presence.B2b;
using ClusterSip.Sip.Stack.Routing;

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

    /// <param name="events">Where status changes are raised as <see cref="PresenceEvent"/>s (the cluster's route event bus).</param>
    public static IActorRef StartSubscriptions(
        ActorSystem system, PresenceB2bSettings settings, IRequestSender sender, LocalSubscriptionDialogs dialogs, IRouteEventPublisher events, ClusterShardingSettings sharding) =>
        ClusterSharding.Get(system).Start(
            SubscriptionsTypeName,
            key => SubscriptionActor.Props(key, settings, sender, dialogs, events),
            sharding.WithRememberEntities(true),
            new SubscriptionMessageExtractor(MaxShards));

    public static IActorRef StartAgent(ActorSystem system, PresenceAgentSettings settings, IRequestSender sender, IRouteEventPublisher events, ClusterShardingSettings sharding) =>
        ClusterSharding.Get(system).Start(
            AgentTypeName,
            key => PresentityActor.Props(key, settings, sender, events),
            sharding.WithRememberEntities(true),
            new AgentMessageExtractor(MaxShards));
}
