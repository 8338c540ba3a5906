using Akka.Actor;

namespace ClusterSip.Presence.B2b;

/// <summary>An internal subscription let through by its node's <see cref="InternalSubscriptionRouter"/>: <see cref="Starter"/> hears when it is journaled.</summary>
public sealed record StartSubscription(SubscribePresence Request, long Ticket, IActorRef Starter);

/// <summary>The subscription of the <see cref="StartSubscription"/> with this ticket journaled its watcher.</summary>
public sealed record SubscriptionStarted(long Ticket);
