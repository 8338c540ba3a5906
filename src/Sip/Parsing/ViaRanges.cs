namespace ClusterSip.Sip.Parsing;

/// <summary>Where the parts of one validated via-parm lie in a header value.</summary>
internal struct ViaRanges
{
    public Range ProtocolName;
    public Range ProtocolVersion;
    public Range Transport;
    public Range Host;
    public int Port;
    public int ParamsStart;
    public int End;
}
