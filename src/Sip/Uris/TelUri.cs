using System.Text;
using ClusterSip.Sip.Parsing;

namespace ClusterSip.Sip.Uris;

/// <summary>A tel URI (RFC 3966): a telephone number and its parameters.</summary>
public sealed class TelUri : AnyUri
{
    public TelUri(string number, SipParameters? parameters = null)
    {
        Number = number;
        Parameters = parameters ?? SipParameters.Empty;
    }

    public override string Scheme => "tel";

    /// <summary>The number as written, visual separators included (e.g. <c>+1-201-555-0123</c>).</summary>
    public string Number { get; }

    public SipParameters Parameters { get; }

    public bool IsGlobal => Number.StartsWith('+');

    public string? PhoneContext => Parameters["phone-context"];

    internal static TelUri FromValidated(ReadOnlySpan<byte> text, int schemeLength)
    {
        var start = schemeLength + 1;
        var end = start;
        while (end < text.Length && text[end] != ';')
        {
            end++;
        }

        var parameters = new List<SipParameter>();
        var p = end;
        while (p < text.Length)
        {
            var next = text[(p + 1)..].IndexOf((byte)';');
            var item = next < 0 ? text[(p + 1)..] : text.Slice(p + 1, next);
            var eq = item.IndexOf((byte)'=');
            parameters.Add(eq < 0
                ? new SipParameter(Lex.Ascii(item), null)
                : new SipParameter(Lex.Ascii(item[..eq]), Lex.Ascii(item[(eq + 1)..])));
            p = next < 0 ? text.Length : p + 1 + next;
        }

        return new TelUri(Lex.Ascii(text[start..end]), new SipParameters(parameters.ToArray()));
    }

    /// <summary>RFC 3966 section 4: numbers compare without visual separators, parameters in any order.</summary>
    public override bool Equals(AnyUri? other)
    {
        if (other is not TelUri o || IsGlobal != o.IsGlobal || NormalizedNumber() != o.NormalizedNumber()
            || Parameters.Count != o.Parameters.Count)
        {
            return false;
        }

        foreach (var p in Parameters)
        {
            if (!o.Parameters.TryGetValue(p.Name, out var v)
                || !string.Equals(UriEscaping.Unescape(p.Value ?? string.Empty), UriEscaping.Unescape(v ?? string.Empty), StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    public override int GetHashCode() => NormalizedNumber().GetHashCode(StringComparison.Ordinal);

    public override string ToString()
    {
        var sb = new StringBuilder("tel:").Append(Number);
        Parameters.AppendTo(sb, ';');
        return sb.ToString();
    }

    private string NormalizedNumber()
    {
        var sb = new StringBuilder(Number.Length);
        foreach (var c in Number)
        {
            if (c is not ('-' or '.' or '(' or ')'))
            {
                sb.Append(char.ToUpperInvariant(c));
            }
        }

        return sb.ToString();
    }
}
