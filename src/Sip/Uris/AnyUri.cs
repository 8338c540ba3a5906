using System.Text;
using ClusterSip.Sip.Parsing;

namespace ClusterSip.Sip.Uris;

/// <summary>
/// A URI as SIP carries it: <see cref="SipUri"/> (sip, sips), <see cref="TelUri"/> (tel) or
/// <see cref="AbsoluteUri"/> (any other scheme). Equality follows the scheme's comparison rules.
/// </summary>
public abstract class AnyUri : IEquatable<AnyUri>
{
    /// <summary>The scheme in lower case.</summary>
    public abstract string Scheme { get; }

    public static AnyUri Parse(string text) => Parse(Encoding.UTF8.GetBytes(text));

    /// <exception cref="SipParseException">The text is not a valid URI.</exception>
    public static AnyUri Parse(ReadOnlySpan<byte> text)
    {
        var error = UriSyntax.Validate(text);
        if (error is not null)
        {
            throw new SipParseException(error);
        }

        return FromValidated(text);
    }

    public static bool TryParse(string text, out AnyUri? uri)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (UriSyntax.Validate(bytes) is not null)
        {
            uri = null;
            return false;
        }

        uri = FromValidated(bytes);
        return true;
    }

    /// <summary>Builds the URI object from text already accepted by <see cref="UriSyntax.Validate"/>.</summary>
    internal static AnyUri FromValidated(ReadOnlySpan<byte> text)
    {
        var schemeLength = UriSyntax.SchemeLength(text);
        return UriSyntax.Kind(text[..schemeLength]) switch
        {
            UriKind.Sip or UriKind.Sips => SipUri.FromValidated(text, schemeLength),
            UriKind.Tel => TelUri.FromValidated(text, schemeLength),
            _ => new AbsoluteUri(Lex.Ascii(text[..schemeLength]), Lex.Ascii(text[(schemeLength + 1)..])),
        };
    }

    public abstract bool Equals(AnyUri? other);

    public sealed override bool Equals(object? obj) => obj is AnyUri other && Equals(other);

    public abstract override int GetHashCode();

    public abstract override string ToString();
}
