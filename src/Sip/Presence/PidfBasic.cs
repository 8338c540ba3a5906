namespace ClusterSip.Sip.Presence;

/// <summary>The basic status of a tuple (RFC 3863 4.1.4).</summary>
public enum PidfBasic
{
    Open,
    Closed,
}
