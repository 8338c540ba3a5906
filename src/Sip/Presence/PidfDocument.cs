namespace ClusterSip.Sip.Presence;

/// <summary>A PIDF presence document (RFC 3863 4.1): the presentity's URI, its tuples and presentity-wide notes.</summary>
public sealed record PidfDocument(string Entity, IReadOnlyList<PidfTuple> Tuples, IReadOnlyList<PidfNote> Notes)
{
    public const string MediaType = "application/pidf+xml";
}
