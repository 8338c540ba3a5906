namespace ClusterSip.Registrar.Location;

/// <summary>cluster-sip.registrar: the domains served and the limits on bindings (Kamailio registrar's parameters).</summary>
/// <param name="Domains">The domains whose address-of-records this registrar keeps, lower case; empty = registrar off.</param>
/// <param name="MinExpires">A shorter non-zero expiry gets 423 with Min-Expires.</param>
/// <param name="MaxExpires">A longer expiry is shortened to this.</param>
/// <param name="DefaultExpires">The expiry of a contact when neither its expires parameter nor an Expires header gives one.</param>
/// <param name="MaxContacts">Bindings one address-of-record may hold; 0 = no limit.</param>
public sealed record RegistrarPolicy(IReadOnlyList<string> Domains, int MinExpires, int MaxExpires, int DefaultExpires, int MaxContacts)
{
    public bool Serves(string host) => Domains.Contains(host, StringComparer.OrdinalIgnoreCase);
}
