using System.Text;
using ClusterSip.Sip.Parsing;

namespace ClusterSip.Sip.Headers;

/// <summary>
/// A challenge (WWW-Authenticate, Proxy-Authenticate) or credentials (Authorization, Proxy-Authorization):
/// an auth scheme and its comma-separated auth-params (RFC 3261 20.7, 20.27, 20.28, 20.44, 25.1).
/// </summary>
public sealed class AuthHeader
{
    public AuthHeader(string scheme, SipParameters? parameters = null, string? token68 = null)
    {
        Scheme = scheme;
        Parameters = parameters ?? SipParameters.Empty;
        Token68 = token68;
    }

    /// <summary>The scheme as written (Digest, Basic, ...).</summary>
    public string Scheme { get; }

    /// <summary>The auth-params, values as written (quoted strings keep their quotes).</summary>
    public SipParameters Parameters { get; }

    /// <summary>Credentials that are a single opaque token rather than parameters (e.g. Basic).</summary>
    public string? Token68 { get; }

    public bool IsDigest => Scheme.Equals("Digest", StringComparison.OrdinalIgnoreCase);

    public string? Realm => Parameters.GetUnquoted("realm");

    public string? Nonce => Parameters.GetUnquoted("nonce");

    public string? Opaque => Parameters.GetUnquoted("opaque");

    public string? Algorithm => Parameters.GetUnquoted("algorithm");

    public string? Qop => Parameters.GetUnquoted("qop");

    public string? Username => Parameters.GetUnquoted("username");

    public string? DigestUri => Parameters.GetUnquoted("uri");

    public string? Response => Parameters.GetUnquoted("response");

    public string? Cnonce => Parameters.GetUnquoted("cnonce");

    public string? NonceCount => Parameters.GetUnquoted("nc");

    public bool Stale => string.Equals(Parameters.GetUnquoted("stale"), "true", StringComparison.OrdinalIgnoreCase);

    /// <exception cref="SipParseException">The text is not a valid challenge or credentials value.</exception>
    public static AuthHeader Parse(string text) => Parse(Encoding.UTF8.GetBytes(text));

    internal static AuthHeader Parse(ReadOnlySpan<byte> s)
    {
        var p = 0;
        Lex.SkipWs(s, ref p);
        if (!Lex.TryToken(s, ref p, out var scheme))
        {
            throw new SipParseException("authentication header: missing scheme");
        }

        var schemeText = Lex.Ascii(s[scheme]);
        Lex.SkipWs(s, ref p);
        if (p >= s.Length)
        {
            return new AuthHeader(schemeText);
        }

        var list = new List<SipParameter>();
        var q = p;
        while (true)
        {
            if (!Lex.TryToken(s, ref q, out var name) || !Lex.TrySeparator(s, ref q, (byte)'=') || !Lex.TryGenValue(s, ref q, out var value))
            {
                break;
            }

            list.Add(new SipParameter(Lex.Ascii(s[name]), Lex.Text(s[value])));
            if (Lex.AtEnd(s, q))
            {
                return new AuthHeader(schemeText, new SipParameters(list.ToArray()));
            }

            if (!Lex.TrySeparator(s, ref q, (byte)','))
            {
                break;
            }
        }

        var rest = Lex.TrimWs(s[p..]);
        foreach (var b in rest)
        {
            if (!(CharClass.IsToken(b) || b is (byte)'/' or (byte)'='))
            {
                throw new SipParseException("authentication header: invalid auth-params");
            }
        }

        return new AuthHeader(schemeText, token68: Lex.Ascii(rest));
    }

    public override string ToString()
    {
        if (Token68 is not null)
        {
            return Scheme + " " + Token68;
        }

        var sb = new StringBuilder(Scheme);
        for (var i = 0; i < Parameters.Count; i++)
        {
            sb.Append(i == 0 ? " " : ", ").Append(Parameters[i].Name).Append('=').Append(Parameters[i].Value);
        }

        return sb.ToString();
    }
}
