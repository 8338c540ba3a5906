namespace ClusterSip.Presence.Agent;

/// <summary>A publication made or changed (RFC 3903): <paramref name="Replaces"/> is the entity-tag it was refreshed or modified under.</summary>
public sealed record PublicationStored(string ETag, string? Replaces, string Pidf, DateTimeOffset ExpiresAt);

/// <summary>A publication removed (Expires: 0) or expired.</summary>
public sealed record PublicationRemoved(string ETag);

/// <summary>A SIP watcher's subscription made or refreshed.</summary>
public sealed record WatcherStored(WatcherDialog Dialog);

public sealed record WatcherRemoved(string Id);

/// <summary>An internal subscription served from the agent's state (accept_internal_subscriptions).</summary>
public sealed record InternalWatcherAdded(string Path, string Subscriber, bool WithPidf);

public sealed record InternalWatcherRemoved(string Path);
