namespace ClusterSip.Sip.Presence;

/// <summary>One tuple (RFC 3863 4.1.2): a communication address with its status.</summary>
/// <param name="Basic">The status's basic value; null when the status carries only extensions.</param>
public sealed record PidfTuple(
    string Id,
    PidfBasic? Basic,
    PidfContact? Contact,
    IReadOnlyList<PidfNote> Notes,
    DateTimeOffset? Timestamp);
