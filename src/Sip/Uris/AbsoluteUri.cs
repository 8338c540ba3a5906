namespace ClusterSip.Sip.Uris;

/// <summary>A URI of a scheme this library does not interpret (RFC 3261 absoluteURI), kept opaque.</summary>
public sealed class AbsoluteUri : AnyUri
{
    private readonly string _scheme;

    public AbsoluteUri(string scheme, string schemeSpecificPart)
    {
        _scheme = scheme;
        SchemeSpecificPart = schemeSpecificPart;
    }

    public override string Scheme => _scheme.ToLowerInvariant();

    /// <summary>Everything after the colon, as written.</summary>
    public string SchemeSpecificPart { get; }

    public override bool Equals(AnyUri? other) =>
        other is AbsoluteUri o
        && string.Equals(_scheme, o._scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(SchemeSpecificPart, o.SchemeSpecificPart, StringComparison.Ordinal);

    public override int GetHashCode() =>
        HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(_scheme), SchemeSpecificPart);

    public override string ToString() => _scheme + ":" + SchemeSpecificPart;
}
