using ClusterSip.Sip.Messages;

namespace ClusterSip.Sip.Validation;

/// <summary>What the validating element supports.</summary>
public sealed record SipValidationOptions
{
    public ElementRole Role { get; init; } = ElementRole.UserAgentServer;

    /// <summary>Option tags the element supports (Require, Proxy-Require); compared case-insensitively.</summary>
    public IReadOnlySet<string> SupportedOptionTags { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Request-URI schemes the element handles (416 otherwise, RFC 3261 8.2.2.1, 16.3 step 2).</summary>
    public IReadOnlySet<string> SupportedUriSchemes { get; init; } =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "sip", "sips", "tel" };

    /// <summary>Methods a UAS implements (501 otherwise); case-sensitive (RFC 3261 7.1).</summary>
    public IReadOnlySet<string> KnownMethods { get; init; } = new HashSet<string>(SipMethods.All, StringComparer.Ordinal);

    /// <summary>
    /// Body types a UAS understands (415 for others, RFC 3261 8.2.3; 406 when an INVITE's Accept excludes all of
    /// them, 21.4.7). Null skips both checks.
    /// </summary>
    public IReadOnlySet<string>? SupportedContentTypes { get; init; }
}
