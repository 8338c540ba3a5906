namespace ClusterSip.Sip.Presence;

/// <summary>A human-readable note (RFC 3863 4.1.6) in the language its xml:lang names, if any.</summary>
public sealed record PidfNote(string Text, string? Language);
