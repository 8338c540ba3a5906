namespace ClusterSip.Presence.B2b;

/// <summary>Asks the subscription <paramref name="Key"/> for a <see cref="SubscriptionInfo"/>.</summary>
public sealed record GetSubscription(string Key);

/// <param name="ExpiresAt">When the subscription the notifier granted runs out, if active.</param>
public sealed record SubscriptionInfo(
    string Key,
    string Presentity,
    string Subscriber,
    SubscriptionPhase Phase,
    DateTimeOffset? ExpiresAt,
    int Watchers,
    PresenceStatus? LastStatus);

/// <summary>Ends the subscription <paramref name="Key"/> for every watcher (they get <see cref="PresenceSubscriptionEnded"/>), unsubscribing on the wire.</summary>
public sealed record EndSubscription(string Key, string Reason);
