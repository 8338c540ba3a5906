using Akka.Actor;
using ClusterSip.Sip.Presence;

namespace ClusterSip.Presence;

/// <summary>
/// An internal subscription (the seed's QSA): <paramref name="ReplyTo"/> receives <see cref="PresenceStatus"/> for the
/// presentity, seen as <paramref name="Subscriber"/> sees it, until it sends <see cref="UnsubscribePresence"/>.
/// </summary>
/// <param name="WithPidf">Also deliver the raw PIDF document of each NOTIFY.</param>
public sealed record SubscribePresence(string Presentity, string Subscriber, IActorRef ReplyTo, bool WithPidf = false);

public sealed record UnsubscribePresence(string Presentity, string Subscriber, IActorRef ReplyTo);

/// <summary>The presentity's status as the latest NOTIFY carried it.</summary>
/// <param name="Pidf">The PIDF document as received, when the subscription asked for it.</param>
public sealed record PresenceStatus(string Presentity, string Subscriber, PidfDocument Document, string? Pidf);

/// <summary>The SIP subscription ended for good (the notifier rejected it, RFC 6665 4.1.3), so no more status comes.</summary>
public sealed record PresenceSubscriptionEnded(string Presentity, string Subscriber, string Reason);
