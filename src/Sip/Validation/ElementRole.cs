namespace ClusterSip.Sip.Validation;

/// <summary>The role in which an element checks a request; some checks only apply to one role.</summary>
public enum ElementRole
{
    /// <summary>RFC 3261 8.2: checks Require (420), methods (501), content types (415, 406).</summary>
    UserAgentServer,

    /// <summary>RFC 3261 16.3: checks Max-Forwards (483) and Proxy-Require (420); forwards unknown methods.</summary>
    Proxy,

    /// <summary>A UAS that also requires a SIP or SIPS address-of-record in To (RFC 3261 10.3).</summary>
    Registrar,
}
