using System.Text;
using ClusterSip.Sip.Parsing;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Sip.Headers;

/// <summary>
/// A name-addr or addr-spec with its header parameters, as in From, To, Route, Record-Route, Contact,
/// Refer-To, P-Asserted-Identity (RFC 3261 20.10, 20.20, 20.39). Immutable.
/// </summary>
public sealed class NameAddress
{
    private string? _text;

    public NameAddress(AnyUri uri, string? displayName = null, SipParameters? parameters = null)
    {
        Uri = uri;
        DisplayName = displayName;
        Parameters = parameters ?? SipParameters.Empty;
    }

    /// <summary>The display name with quotes and escapes removed; null when absent.</summary>
    public string? DisplayName { get; }

    public AnyUri Uri { get; }

    /// <summary>The header parameters (after the URI), e.g. tag, expires, q, lr for Route.</summary>
    public SipParameters Parameters { get; }

    public string? Tag => Parameters["tag"];

    public NameAddress WithTag(string tag) => WithParameter("tag", tag);

    public NameAddress WithParameter(string name, string? value = null) => new(Uri, DisplayName, Parameters.With(name, value));

    public NameAddress WithoutParameter(string name) => new(Uri, DisplayName, Parameters.Without(name));

    public NameAddress WithUri(AnyUri uri) => new(uri, DisplayName, Parameters);

    /// <exception cref="SipParseException">The text is not a valid name-addr or addr-spec with parameters.</exception>
    public static NameAddress Parse(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var pos = 0;
        var error = HeaderSyntax.ReadNameAddr(bytes, ref pos, false, out var r)
            ?? (Lex.AtEnd(bytes, pos) ? null : "unexpected text after the address");
        return error is null ? FromValidated(bytes, r) : throw new SipParseException(error);
    }

    /// <summary>A comma-separated list of name-addrs, as one Route, Record-Route or Path header value carries.</summary>
    public static IReadOnlyList<NameAddress> ParseList(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var list = new List<NameAddress>();
        var pos = 0;
        while (!Lex.AtEnd(bytes, pos))
        {
            var error = HeaderSyntax.ReadNameAddr(bytes, ref pos, false, out var r);
            if (error is not null)
            {
                throw new SipParseException(error);
            }

            list.Add(FromValidated(bytes, r));
            if (!Lex.AtEnd(bytes, pos) && !Lex.TrySeparator(bytes, ref pos, (byte)','))
            {
                throw new SipParseException("unexpected text after an address");
            }
        }

        return list;
    }

    internal static NameAddress FromValidated(ReadOnlySpan<byte> s, in NameAddrRanges r)
    {
        string? display = null;
        if (r.DisplayName is { } d)
        {
            var text = Lex.Text(s[d]);
            display = r.DisplayNameQuoted ? SipParameters.Unquote(text) : text;
        }

        return new NameAddress(
            AnyUri.FromValidated(s[r.Uri]),
            display,
            ParamCursor.Materialize(s[..r.End], r.ParamsStart, out _));
    }

    /// <summary>Always the name-addr form, so that URI parameters never turn into header parameters.</summary>
    public override string ToString() => _text ??= Render();

    private string Render()
    {
        var uri = Uri.ToString(); // before taking the thread's builder, which rendering the URI needs too
        var sb = StringBuilderCache.Acquire();
        if (!string.IsNullOrEmpty(DisplayName))
        {
            sb.Append(SipParameters.Quote(DisplayName)).Append(' ');
        }

        sb.Append('<').Append(uri).Append('>');
        Parameters.AppendTo(sb, ';');
        return StringBuilderCache.GetStringAndRelease(sb);
    }
}
