namespace ClusterSip.Registrar.Location;

/// <summary>One contact of an address-of-record (RFC 3261 10.3) as the location service keeps it.</summary>
/// <param name="Uri">The contact URI, compared with the URI comparison rules.</param>
/// <param name="Contact">The Contact value as registered without its expires parameter (q, +sip.instance and the rest stay).</param>
/// <param name="Q">The q parameter; null when the UA gave none.</param>
/// <param name="Path">The Path values of the REGISTER (RFC 3327), topmost first.</param>
/// <param name="Received">Where the REGISTER came from (transport:address:port), as the node's transport saw it.</param>
/// <param name="InstanceId">The +sip.instance parameter, unquoted (RFC 5626).</param>
/// <param name="RegId">The reg-id parameter, with an instance only (RFC 5626).</param>
/// <param name="Node">The cluster node that received the REGISTER.</param>
public sealed record Binding(
    string Uri,
    string Contact,
    DateTimeOffset ExpiresAt,
    double? Q,
    string CallId,
    uint CSeq,
    string[] Path,
    string? Received,
    string? UserAgent,
    string? InstanceId,
    int? RegId,
    string Node)
{
    /// <summary>q for ordering branches: a contact without q counts as 1.0 (RFC 3261 leaves it open; this rings it first).</summary>
    public double Priority => Q ?? 1.0;

    public int RemainingSeconds(DateTimeOffset now) => Math.Max(0, (int)Math.Ceiling((ExpiresAt - now).TotalSeconds));
}
