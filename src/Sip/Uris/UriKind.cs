namespace ClusterSip.Sip.Uris;

internal enum UriKind
{
    Sip,
    Sips,
    Tel,
    Other,
}
