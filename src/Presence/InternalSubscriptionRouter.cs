using Akka.Actor;
using ClusterSip.Presence.Agent;
using ClusterSip.Presence.B2b;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Presence;

/// <summary>An internal subscription that cannot be served: the reason says why.</summary>
public sealed record PresenceRequestRejected(string Presentity, string Subscriber, string Reason);

/// <summary>
/// Where internal subscriptions go: to the agent's own state for its domains when accept_internal_subscriptions is
/// on, otherwise to the B2B UA when handle_presence_subscriptions is on; anything else is rejected with a reason.
/// </summary>
public sealed class InternalSubscriptionRouter : ReceiveActor
{
    public InternalSubscriptionRouter(IActorRef subscriptions, IActorRef agent, bool handlePresenceSubscriptions, PresenceAgentSettings agentSettings)
    {
        Receive<SubscribePresence>(s => Route(s, s.Presentity, s.Subscriber, s.ReplyTo));
        Receive<UnsubscribePresence>(u => Route(u, u.Presentity, u.Subscriber, u.ReplyTo));

        void Route(object message, string presentity, string subscriber, IActorRef replyTo)
        {
            var (_, error) = SubscriptionKey.TryOf(presentity, subscriber);
            if (error is not null)
            {
                replyTo.Tell(new PresenceRequestRejected(presentity, subscriber, error));
            }
            else if (agentSettings.AcceptInternalSubscriptions && agentSettings.Serves(AnyUri.Parse(presentity)))
            {
                agent.Tell(message);
            }
            else if (handlePresenceSubscriptions)
            {
                subscriptions.Tell(message);
            }
            else
            {
                replyTo.Tell(new PresenceRequestRejected(presentity, subscriber, "handle_presence_subscriptions is 0: internal subscriptions are ignored"));
            }
        }
    }

    public static Props Props(IActorRef subscriptions, IActorRef agent, bool handlePresenceSubscriptions, PresenceAgentSettings agentSettings) =>
        Akka.Actor.Props.Create(() => new InternalSubscriptionRouter(subscriptions, agent, handlePresenceSubscriptions, agentSettings));
}
