namespace ClusterSip.Sip.Parsing;

/// <summary>Where the parts of one validated name-addr or addr-spec (with its parameters) lie in a header value.</summary>
internal struct NameAddrRanges
{
    public bool Wildcard;
    public Range? DisplayName;
    public bool DisplayNameQuoted;
    public Range Uri;
    public bool Bracketed;
    public int ParamsStart;
    public int End;
}
