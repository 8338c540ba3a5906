using ClusterSip.Sip.Uris;

namespace ClusterSip.Registrar.Location;

/// <summary>The canonical form of an address-of-record (RFC 3261 10.3 step 5): sip:user@domain, without port, parameters or headers; the domain in lower case.</summary>
public static class AddressOfRecord
{
    public static string Of(SipUri uri) =>
        uri.User is { Length: > 0 } user ? $"sip:{user}@{uri.Host.ToLowerInvariant()}" : $"sip:{uri.Host.ToLowerInvariant()}";
}
