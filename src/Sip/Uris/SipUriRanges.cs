namespace ClusterSip.Sip.Uris;

/// <summary>Where the components of a validated SIP or SIPS URI lie in its text.</summary>
internal struct SipUriRanges
{
    public bool Secure;
    public Range? User;
    public Range? Password;
    public Range Host;
    public int Port;
    public Range Parameters;
    public Range? Headers;
}
