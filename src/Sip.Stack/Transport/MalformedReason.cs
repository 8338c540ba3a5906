namespace ClusterSip.Sip.Stack.Transport;

/// <summary>Why inbound bytes were rejected; the tag of the malformed-message counter (a fixed set, not free text).</summary>
internal enum MalformedReason
{
    /// <summary>Looked like a SIP request or response but failed to parse.</summary>
    Syntax,

    /// <summary>A SIP version other than 2.0 (answered with 505).</summary>
    UnsupportedVersion,

    /// <summary>Not recognisable as SIP at all.</summary>
    Unrecognized,

    /// <summary>A stream that cannot be cut into messages (RFC 3261 18.3), e.g. no Content-Length.</summary>
    Framing,

    /// <summary>Larger than <see cref="TransportSettings.MaxMessageSize"/>.</summary>
    TooLarge,
}
