using System.Text;
using ClusterSip.Sip.Parsing;

namespace ClusterSip.Sip.Headers;

/// <summary>A Content-Type value (RFC 3261 20.15): <c>type/subtype;parameters</c>.</summary>
public sealed class MediaType
{
    public MediaType(string type, string subtype, SipParameters? parameters = null)
    {
        Type = type;
        Subtype = subtype;
        Parameters = parameters ?? SipParameters.Empty;
    }

    public string Type { get; }

    public string Subtype { get; }

    public SipParameters Parameters { get; }

    /// <summary><c>type/subtype</c> without parameters.</summary>
    public string MimeType => Type + "/" + Subtype;

    public string? Boundary => Parameters.GetUnquoted("boundary");

    public string? Charset => Parameters.GetUnquoted("charset");

    /// <summary>Case-insensitive match of <c>type/subtype</c>, e.g. <c>IsType("application/sdp")</c>.</summary>
    public bool IsType(string mimeType) => string.Equals(MimeType, mimeType, StringComparison.OrdinalIgnoreCase);

    /// <exception cref="SipParseException">The text is not a valid media type.</exception>
    public static MediaType Parse(string text) => Parse(Encoding.UTF8.GetBytes(text));

    internal static MediaType Parse(ReadOnlySpan<byte> s)
    {
        var error = HeaderSyntax.ReadMediaType(s, out var type, out var subtype, out var parameters);
        return error is null
            ? new MediaType(Lex.Ascii(s[type]), Lex.Ascii(s[subtype]), ParamCursor.Materialize(s, parameters, out _))
            : throw new SipParseException(error);
    }

    public override string ToString()
    {
        var sb = new StringBuilder(MimeType);
        Parameters.AppendTo(sb, ';');
        return sb.ToString();
    }
}
