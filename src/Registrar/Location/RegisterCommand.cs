namespace ClusterSip.Registrar.Location;

/// <summary>
/// A checked REGISTER, as the address-of-record's actor applies it (RFC 3261 10.3 steps 6-8). No Contacts and no
/// wildcard is a query.
/// </summary>
/// <param name="Aor">The canonical address-of-record (sip:user@domain).</param>
/// <param name="RemoveAll">Contact: * with Expires: 0.</param>
public sealed record RegisterCommand(
    string Aor,
    bool RemoveAll,
    ContactRequest[] Contacts,
    string CallId,
    uint CSeq,
    string[] Path,
    string? Received,
    string? UserAgent,
    string Node) : IAorMessage;
