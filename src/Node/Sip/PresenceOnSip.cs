using Akka.Actor;
using Akka.Cluster.Sharding;
using ClusterSip.Node.Management;
using ClusterSip.Node.RouteEvents;
using ClusterSip.Node.Settings;
using ClusterSip.Presence;
using ClusterSip.Presence.B2b;
using ClusterSip.Presence.Stack;
using ClusterSip.Sip.Stack.Proxy;
using ClusterSip.Sip.Stack.Resolution;
using ClusterSip.Sip.Stack.Routing;
using ClusterSip.Sip.Stack.Transactions;

namespace ClusterSip.Node.Sip;

/// <summary>
/// Presence on a node's SIP stack: the NOTIFY hook (the seed's handle_notify() example) and the agent's PUBLISH/SUBSCRIBE
/// hook before the route script, then
/// the sharded B2B subscriptions and agent presentities sending through the transaction layer, and the router that
/// takes internal subscriptions (<see cref="PresenceEndpoints.RouterName"/>). Both raise status changes on the node's
/// route event bus (<see cref="PresenceEvent"/>).
/// </summary>
public sealed class PresenceOnSip(ActorSystem system, PresenceSettings settings)
{
    private readonly LocalSubscriptionDialogs _dialogs = new();
    private IActorRef _agent = ActorRefs.Nobody;

    public IRequestHook NotifyHook => new PresenceNotifyHook(_dialogs, settings.B2b.LocalContact);

    /// <summary>PUBLISH and SUBSCRIBE for the agent's presentities; its shard region exists once <see cref="Start"/> ran (before any request).</summary>
    public IRequestHook AgentHook => new PresenceAgentHook(() => _agent, settings.Agent);

    public void Start(TransactionLayer layer, ITargetResolver resolver)
    {
        var sender = new UacRequestSender(system, new LocalRequestSender(layer, resolver));
        var sharding = ClusterShardingSettings.Create(system);
        var events = NodeRouteEvents.Of(system);
        var subscriptions = PresenceSharding.StartSubscriptions(system, settings.B2b, sender, _dialogs, events, sharding);
        _agent = PresenceSharding.StartAgent(system, settings.Agent, sender, events, sharding);
        system.ActorOf(
            InternalSubscriptionRouter.Props(subscriptions, _agent, settings.B2b, settings.Agent),
            PresenceEndpoints.RouterName);
    }
}
