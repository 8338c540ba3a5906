using ClusterSip.Sip.Presence;

namespace ClusterSip.Presence.Agent;

/// <summary>One publisher's current document (RFC 3903 event state) under its entity-tag, with the PIDF as published.</summary>
public sealed record Publication(string ETag, PidfDocument Document, string Pidf, DateTimeOffset ExpiresAt);
