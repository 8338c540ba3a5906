using System.Net;
using System.Text;
using ClusterSip.Sip.Parsing;

namespace ClusterSip.Sip.Uris;

/// <summary>
/// A sip or sips URI (RFC 3261 19.1). Immutable; the <c>With…</c> methods return modified copies.
/// <see cref="Equals(AnyUri?)"/> implements the comparison rules of RFC 3261 19.1.4.
/// </summary>
public sealed class SipUri : AnyUri
{
    private static readonly string[] MustMatchParameters = ["user", "ttl", "method", "maddr", "transport"];

    private readonly string? _userRaw;
    private readonly string? _passwordRaw;
    private string? _text;
    private string? _user;
    private string? _password;

    public SipUri(string host, int? port = null, string? user = null, bool secure = false, SipParameters? parameters = null)
        : this(secure, user is null ? null : UriEscaping.Escape(user, CharClass.User), null, host, port, parameters ?? SipParameters.Empty, SipParameters.Empty, null)
    {
    }

    private SipUri(bool secure, string? userRaw, string? passwordRaw, string host, int? port, SipParameters parameters, SipParameters headers, string? text)
    {
        IsSecure = secure;
        _userRaw = userRaw;
        _passwordRaw = passwordRaw;
        Host = host;
        Port = port;
        Parameters = parameters;
        Headers = headers;
        _text = text;
    }

    public bool IsSecure { get; }

    public override string Scheme => IsSecure ? "sips" : "sip";

    /// <summary>The user part with escapes decoded (<c>sip:%61lice@h</c> gives <c>alice</c>).</summary>
    public string? User => _userRaw is null ? null : _user ??= UriEscaping.Unescape(_userRaw);

    public string? Password => _passwordRaw is null ? null : _password ??= UriEscaping.Unescape(_passwordRaw);

    /// <summary>The host as written: a name, an IPv4 address or a bracketed IPv6 reference.</summary>
    public string Host { get; }

    public int? Port { get; }

    /// <summary>The uri-parameters, names and values with escapes decoded (RFC 4475 3.1.1.3: <c>%6C%72</c> is <c>lr</c>).</summary>
    public SipParameters Parameters { get; }

    /// <summary>The headers component, names and values with escapes decoded.</summary>
    public SipParameters Headers { get; }

    public string? Transport => Parameters["transport"];

    public bool LooseRouting => Parameters.Contains("lr");

    public string? Maddr => Parameters["maddr"];

    public string? UserParameter => Parameters["user"];

    public string? MethodParameter => Parameters["method"];

    public int? Ttl => int.TryParse(Parameters["ttl"], out var ttl) ? ttl : null;

    /// <summary><c>host[:port]</c>.</summary>
    public string HostPort => Port is null ? Host : Host + ":" + Port.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static new SipUri Parse(string text) =>
        AnyUri.Parse(text) as SipUri ?? throw new SipParseException("not a sip or sips URI: " + text);

    internal static SipUri FromValidated(ReadOnlySpan<byte> text, int schemeLength)
    {
        UriSyntax.ValidateSip(text, schemeLength, out var r);
        var host = Lex.Ascii(text[r.Host]);
        var parameters = ParseParameters(text[r.Parameters]);
        var headers = r.Headers is { } h ? ParseHeaders(text[h]) : SipParameters.Empty;
        return new SipUri(
            r.Secure,
            r.User is { } u ? Lex.Ascii(text[u]) : null,
            r.Password is { } pw ? Lex.Ascii(text[pw]) : null,
            host,
            r.Port >= 0 ? r.Port : null,
            parameters,
            headers,
            Lex.Ascii(text));
    }

    public SipUri WithUser(string? user) =>
        new(IsSecure, user is null ? null : UriEscaping.Escape(user, CharClass.User), user is null ? null : _passwordRaw, Host, Port, Parameters, Headers, null);

    public SipUri WithHost(string host) => new(IsSecure, _userRaw, _passwordRaw, host, Port, Parameters, Headers, null);

    public SipUri WithPort(int? port) => new(IsSecure, _userRaw, _passwordRaw, Host, port, Parameters, Headers, null);

    public SipUri WithSecure(bool secure) => new(secure, _userRaw, _passwordRaw, Host, Port, Parameters, Headers, null);

    /// <summary>Adds or replaces a uri-parameter (unescaped text; escaped on output as needed).</summary>
    public SipUri WithParameter(string name, string? value = null) =>
        new(IsSecure, _userRaw, _passwordRaw, Host, Port, Parameters.With(name, value), Headers, null);

    public SipUri WithoutParameter(string name) =>
        new(IsSecure, _userRaw, _passwordRaw, Host, Port, Parameters.Without(name), Headers, null);

    public SipUri WithHeader(string name, string value) =>
        new(IsSecure, _userRaw, _passwordRaw, Host, Port, Parameters, Headers.With(name, value), null);

    public SipUri WithoutHeaders() => Headers.Count == 0 ? this : new(IsSecure, _userRaw, _passwordRaw, Host, Port, Parameters, SipParameters.Empty, null);

    /// <summary>RFC 3261 19.1.4.</summary>
    public override bool Equals(AnyUri? other)
    {
        if (other is not SipUri o)
        {
            return false;
        }

        if (ReferenceEquals(this, o))
        {
            return true;
        }

        if (IsSecure != o.IsSecure || Port != o.Port || !HostEquals(Host, o.Host)
            || !ComponentEquals(_userRaw, o._userRaw) || !ComponentEquals(_passwordRaw, o._passwordRaw))
        {
            return false;
        }

        return ParametersMatch(this, o) && ParametersMatch(o, this) && HeadersMatch(this, o) && HeadersMatch(o, this);
    }

    public override int GetHashCode() =>
        HashCode.Combine(IsSecure, Port, NormalizeHost(Host), _userRaw is null ? null : UriEscaping.Canonical(_userRaw));

    public override string ToString() => _text ??= Render();

    private string Render()
    {
        var sb = StringBuilderCache.Acquire().Append(Scheme).Append(':');
        if (_userRaw is not null)
        {
            sb.Append(_userRaw);
            if (_passwordRaw is not null)
            {
                sb.Append(':').Append(_passwordRaw);
            }

            sb.Append('@');
        }

        sb.Append(Host);
        if (Port is { } port)
        {
            sb.Append(':').Append(port);
        }

        foreach (var p in Parameters)
        {
            sb.Append(';').Append(UriEscaping.Escape(p.Name, CharClass.Param));
            if (p.Value is not null)
            {
                sb.Append('=').Append(UriEscaping.Escape(p.Value, CharClass.Param));
            }
        }

        for (var i = 0; i < Headers.Count; i++)
        {
            sb.Append(i == 0 ? '?' : '&')
                .Append(UriEscaping.Escape(Headers[i].Name, CharClass.UriHeader))
                .Append('=')
                .Append(UriEscaping.Escape(Headers[i].Value ?? string.Empty, CharClass.UriHeader));
        }

        return StringBuilderCache.GetStringAndRelease(sb);
    }

    private static SipParameters ParseParameters(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty)
        {
            return SipParameters.Empty;
        }

        var list = new List<SipParameter>();
        foreach (var range in s[1..].Split((byte)';'))
        {
            var item = s[1..][range];
            var eq = item.IndexOf((byte)'=');
            list.Add(eq < 0
                ? new SipParameter(UriEscaping.Unescape(item), null)
                : new SipParameter(UriEscaping.Unescape(item[..eq]), UriEscaping.Unescape(item[(eq + 1)..])));
        }

        return new SipParameters(list.ToArray());
    }

    private static SipParameters ParseHeaders(ReadOnlySpan<byte> s)
    {
        var list = new List<SipParameter>();
        foreach (var range in s.Split((byte)'&'))
        {
            var item = s[range];
            var eq = item.IndexOf((byte)'=');
            list.Add(new SipParameter(UriEscaping.Unescape(item[..eq]), UriEscaping.Unescape(item[(eq + 1)..])));
        }

        return new SipParameters(list.ToArray());
    }

    private static bool ComponentEquals(string? a, string? b) =>
        (a is null && b is null)
        || (a is not null && b is not null && string.Equals(UriEscaping.Canonical(a), UriEscaping.Canonical(b), StringComparison.Ordinal));

    private static bool HostEquals(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return a.StartsWith('[') && b.StartsWith('[')
            && IPAddress.TryParse(a.AsSpan(1, a.Length - 2), out var x)
            && IPAddress.TryParse(b.AsSpan(1, b.Length - 2), out var y)
            && x.Equals(y);
    }

    private static string NormalizeHost(string host) =>
        host.StartsWith('[') && IPAddress.TryParse(host.AsSpan(1, host.Length - 2), out var ip) ? ip.ToString() : host.ToLowerInvariant();

    /// <summary>
    /// Parameters present in both URIs must match; user, ttl, method and maddr present in only one never match
    /// (19.1.4). transport is treated alike, as the section's examples require (<c>sip:bob@biloxi.com</c> differs
    /// from <c>sip:bob@biloxi.com;transport=udp</c>). Other parameters present in only one are ignored.
    /// </summary>
    private static bool ParametersMatch(SipUri a, SipUri b)
    {
        foreach (var p in a.Parameters)
        {
            if (!b.Parameters.TryGetValue(p.Name, out var other))
            {
                if (Array.Exists(MustMatchParameters, n => string.Equals(n, p.Name, StringComparison.OrdinalIgnoreCase)))
                {
                    return false;
                }

                continue;
            }

            if (!ParameterValueEquals(p.Name, p.Value, other))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ParameterValueEquals(string name, string? a, string? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        // Tokens and host names compare case-insensitively; method names are case-sensitive (RFC 3261 7.1) and
        // so are the values of unknown parameters (19.1.4: "all other comparisons are case-sensitive").
        var ignoreCase = name.Equals("transport", StringComparison.OrdinalIgnoreCase)
            || name.Equals("user", StringComparison.OrdinalIgnoreCase)
            || name.Equals("maddr", StringComparison.OrdinalIgnoreCase)
            || name.Equals("lr", StringComparison.OrdinalIgnoreCase);
        if (name.Equals("ttl", StringComparison.OrdinalIgnoreCase) && int.TryParse(a, out var x) && int.TryParse(b, out var y))
        {
            return x == y;
        }

        return string.Equals(a, b, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }

    private static bool HeadersMatch(SipUri a, SipUri b)
    {
        foreach (var h in a.Headers)
        {
            if (!b.Headers.TryGetValue(h.Name, out var other) || !string.Equals(h.Value, other, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
