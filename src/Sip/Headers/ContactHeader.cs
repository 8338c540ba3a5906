using System.Globalization;
using System.Text;
using ClusterSip.Sip.Parsing;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Sip.Headers;

/// <summary>One Contact value (RFC 3261 20.10): an address with q and expires, or the wildcard <c>*</c>.</summary>
public sealed class ContactHeader
{
    public static readonly ContactHeader Wildcard = new(null, SipParameters.Empty);

    public ContactHeader(NameAddress address)
        : this(address, address.Parameters)
    {
    }

    private ContactHeader(NameAddress? address, SipParameters parameters)
    {
        Address = address;
        Parameters = parameters;
    }

    /// <summary>True for <c>Contact: *</c> (REGISTER removing all bindings, RFC 3261 10.2.2).</summary>
    public bool IsWildcard => Address is null;

    public NameAddress? Address { get; }

    public AnyUri? Uri => Address?.Uri;

    public SipParameters Parameters { get; }

    /// <summary>
    /// The expires parameter; null when absent. Values beyond 2**31-1 are clamped, and a malformed value counts as
    /// 3600, as RFC 3261 20.19 says of the Expires header (RFC 4475 3.1.2.4 suggests the same).
    /// </summary>
    public int? Expires => ExpiresValue.From(Parameters["expires"], Parameters.Contains("expires"));

    /// <summary>The q parameter (0 to 1); null when absent or malformed.</summary>
    public double? Q =>
        double.TryParse(Parameters["q"], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var q) && q is >= 0 and <= 1 ? q : null;

    /// <exception cref="SipParseException">The text is not a valid contact-param.</exception>
    public static ContactHeader Parse(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var pos = 0;
        var error = HeaderSyntax.ReadNameAddr(bytes, ref pos, true, out var r) ?? (Lex.AtEnd(bytes, pos) ? null : "Contact: unexpected text");
        return error is null ? FromValidated(bytes, r) : throw new SipParseException(error);
    }

    internal static ContactHeader FromValidated(ReadOnlySpan<byte> s, in NameAddrRanges r) =>
        r.Wildcard ? Wildcard : new ContactHeader(NameAddress.FromValidated(s, r));

    public override string ToString() => Address?.ToString() ?? "*";
}
