using ClusterSip.Sip.Parsing;

namespace ClusterSip.Sip.Uris;

/// <summary>Validates URIs against the RFC 3261 25.1 (SIP, SIPS), RFC 3966 (tel) and RFC 2396 (absoluteURI) grammars.</summary>
internal static class UriSyntax
{
    /// <summary>Length of the scheme before its colon, or -1 when the text does not start with <c>scheme ":"</c>.</summary>
    public static int SchemeLength(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty || !CharClass.Is(s[0], CharClass.Alpha))
        {
            return -1;
        }

        var n = Lex.Span(s, 0, CharClass.Scheme);
        return n < s.Length && s[n] == ':' ? n : -1;
    }

    public static UriKind Kind(ReadOnlySpan<byte> scheme) =>
        Lex.EqualsIgnoreCase(scheme, "sip") ? UriKind.Sip
        : Lex.EqualsIgnoreCase(scheme, "sips") ? UriKind.Sips
        : Lex.EqualsIgnoreCase(scheme, "tel") ? UriKind.Tel
        : UriKind.Other;

    /// <summary>Validates a whole URI of any scheme; returns null when valid, otherwise the reason.</summary>
    public static string? Validate(ReadOnlySpan<byte> s)
    {
        var schemeLength = SchemeLength(s);
        if (schemeLength < 0)
        {
            return "URI has no scheme";
        }

        return Kind(s[..schemeLength]) switch
        {
            UriKind.Sip or UriKind.Sips => ValidateSip(s, schemeLength, out _),
            UriKind.Tel => ValidateTel(s, schemeLength),
            _ => ValidateOther(s, schemeLength),
        };
    }

    public static string? ValidateSip(ReadOnlySpan<byte> s, int schemeLength, out SipUriRanges r)
    {
        r = default;
        r.Secure = schemeLength == 4;
        r.Port = -1;
        var p = schemeLength + 1;
        var at = s[p..].IndexOf((byte)'@');
        if (at >= 0)
        {
            var userEnd = p + at;
            var colon = s[p..userEnd].IndexOf((byte)':');
            var nameEnd = colon >= 0 ? p + colon : userEnd;
            if (nameEnd == p)
            {
                return "SIP URI has an empty user part";
            }

            if (SpanEscaped(s, p, nameEnd, CharClass.User) != nameEnd)
            {
                return "invalid character in SIP URI user part";
            }

            r.User = p..nameEnd;
            if (colon >= 0)
            {
                if (SpanEscaped(s, nameEnd + 1, userEnd, CharClass.Password) != userEnd)
                {
                    return "invalid character in SIP URI password";
                }

                r.Password = (nameEnd + 1)..userEnd;
            }

            p = userEnd + 1;
        }

        var hostStart = p;
        if (p < s.Length && s[p] == '[')
        {
            var close = s[p..].IndexOf((byte)']');
            if (close < 0 || !Lex.IsIPv6Chars(s.Slice(p + 1, close - 1)))
            {
                return "invalid IPv6 reference in SIP URI";
            }

            p += close + 1;
        }
        else
        {
            p += Lex.Span(s, p, CharClass.Host);
        }

        if (p == hostStart)
        {
            return "SIP URI has no host";
        }

        r.Host = hostStart..p;
        if (p < s.Length && s[p] == ':')
        {
            var digits = Lex.Span(s, p + 1, CharClass.Digit);
            if (!Lex.TryUInt(s.Slice(p + 1, digits), 65535, out var port))
            {
                return "invalid port in SIP URI";
            }

            r.Port = (int)port;
            p += 1 + digits;
        }

        var paramsStart = p;
        while (p < s.Length && s[p] == ';')
        {
            var nameEnd = SpanEscaped(s, p + 1, s.Length, CharClass.Param);
            if (nameEnd < 0 || nameEnd == p + 1)
            {
                return "invalid SIP URI parameter";
            }

            p = nameEnd;
            if (p < s.Length && s[p] == '=')
            {
                var valueEnd = SpanEscaped(s, p + 1, s.Length, CharClass.Param);
                if (valueEnd < 0 || valueEnd == p + 1)
                {
                    return "invalid SIP URI parameter value";
                }

                p = valueEnd;
            }
        }

        r.Parameters = paramsStart..p;
        if (p < s.Length && s[p] == '?')
        {
            var headersStart = p + 1;
            do
            {
                var nameEnd = SpanEscaped(s, p + 1, s.Length, CharClass.UriHeader);
                if (nameEnd < 0 || nameEnd == p + 1 || nameEnd >= s.Length || s[nameEnd] != '=')
                {
                    return "invalid header in SIP URI";
                }

                p = SpanEscaped(s, nameEnd + 1, s.Length, CharClass.UriHeader);
                if (p < 0)
                {
                    return "invalid header value in SIP URI";
                }
            }
            while (p < s.Length && s[p] == '&');

            r.Headers = headersStart..p;
        }

        return p == s.Length ? null : "unexpected character '" + (char)s[p] + "' in SIP URI";
    }

    public static string? ValidateTel(ReadOnlySpan<byte> s, int schemeLength)
    {
        var p = schemeLength + 1;
        var start = p;
        while (p < s.Length && IsPhoneChar(s[p], p == start))
        {
            p++;
        }

        if (p == start)
        {
            return "tel URI has no number";
        }

        while (p < s.Length && s[p] == ';')
        {
            var nameEnd = SpanEscaped(s, p + 1, s.Length, CharClass.Param);
            if (nameEnd < 0 || nameEnd == p + 1)
            {
                return "invalid tel URI parameter";
            }

            p = nameEnd;
            if (p < s.Length && s[p] == '=')
            {
                p = SpanEscaped(s, p + 1, s.Length, CharClass.Param);
                if (p < 0)
                {
                    return "invalid tel URI parameter value";
                }
            }
        }

        return p == s.Length ? null : "unexpected character in tel URI";
    }

    public static string? ValidateOther(ReadOnlySpan<byte> s, int schemeLength)
    {
        if (s.Length == schemeLength + 1)
        {
            return "URI is empty after its scheme";
        }

        for (var p = schemeLength + 1; p < s.Length; p++)
        {
            var b = s[p];
            if (b <= 0x20 || b >= 0x7F || b is (byte)'<' or (byte)'>' or (byte)'"' or (byte)'\\' or (byte)'^'
                or (byte)'`' or (byte)'{' or (byte)'}' or (byte)'|')
            {
                return "invalid character in URI";
            }

            if (b == '%' && (p + 2 >= s.Length || CharClass.HexValue(s[p + 1]) < 0 || CharClass.HexValue(s[p + 2]) < 0))
            {
                return "invalid escape in URI";
            }
        }

        return null;
    }

    internal static bool IsPhoneChar(byte b, bool first) =>
        CharClass.Is(b, CharClass.Hex) || b is (byte)'*' or (byte)'#' or (byte)'-' or (byte)'.' or (byte)'(' or (byte)')'
        || (first && b == '+');

    /// <summary>
    /// Position after the longest run, from <paramref name="pos"/> up to <paramref name="end"/>, of bytes in
    /// <paramref name="cls"/> or escapes; -1 when a '%' does not start a valid escape.
    /// </summary>
    internal static int SpanEscaped(ReadOnlySpan<byte> s, int pos, int end, ushort cls)
    {
        var p = pos;
        while (p < end)
        {
            var b = s[p];
            if (CharClass.Is(b, cls))
            {
                p++;
            }
            else if (b == '%')
            {
                if (p + 2 >= end || CharClass.HexValue(s[p + 1]) < 0 || CharClass.HexValue(s[p + 2]) < 0)
                {
                    return -1;
                }

                p += 3;
            }
            else
            {
                break;
            }
        }

        return p;
    }
}
