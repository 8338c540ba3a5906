namespace ClusterSip.Sip.Presence;

/// <summary>A tuple's contact address (RFC 3863 4.1.5) with its optional priority, a decimal from 0 to 1.</summary>
public sealed record PidfContact(string Uri, decimal? Priority);
