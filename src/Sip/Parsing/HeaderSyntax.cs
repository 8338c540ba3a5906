using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Sip.Parsing;

/// <summary>
/// Allocation-free validation of structured header values (RFC 3261 25.1). The locators return where each
/// component lies so that the typed header objects can be built later, on first access.
/// </summary>
internal static class HeaderSyntax
{
    /// <summary>
    /// Reads one via-parm: <c>sent-protocol LWS sent-by *( SEMI via-params )</c>. On success
    /// <paramref name="pos"/> is after the last parameter.
    /// </summary>
    public static string? ReadVia(ReadOnlySpan<byte> s, ref int pos, out ViaRanges r)
    {
        r = default;
        r.Port = -1;
        var p = pos;
        Lex.SkipWs(s, ref p);
        if (!Lex.TryToken(s, ref p, out r.ProtocolName)
            || !Lex.TrySeparator(s, ref p, (byte)'/') || !Lex.TryToken(s, ref p, out r.ProtocolVersion)
            || !Lex.TrySeparator(s, ref p, (byte)'/') || !Lex.TryToken(s, ref p, out r.Transport))
        {
            return "Via: invalid sent-protocol";
        }

        var beforeHost = p;
        Lex.SkipWs(s, ref p);
        if (p == beforeHost)
        {
            return "Via: missing white space before sent-by";
        }

        var hostStart = p;
        if (p < s.Length && s[p] == '[')
        {
            if (!Lex.TryGenValue(s, ref p, out _))
            {
                return "Via: invalid IPv6 reference in sent-by";
            }
        }
        else
        {
            p += Lex.Span(s, p, CharClass.Host);
        }

        if (p == hostStart)
        {
            return "Via: missing sent-by host";
        }

        r.Host = hostStart..p;
        if (Lex.TrySeparator(s, ref p, (byte)':'))
        {
            var digits = Lex.Span(s, p, CharClass.Digit);
            if (!Lex.TryUInt(s.Slice(p, digits), 65535, out var port))
            {
                return "Via: invalid sent-by port";
            }

            r.Port = (int)port;
            p += digits;
        }

        r.ParamsStart = p;
        var cursor = new ParamCursor(s, p, viaParams: true);
        while (cursor.MoveNext(out var name, out var value, out var hasValue))
        {
            var error = CheckViaParam(s[name], hasValue ? s[value] : default, hasValue);
            if (error is not null)
            {
                return error;
            }
        }

        if (cursor.Error is not null)
        {
            return "Via: " + cursor.Error;
        }

        r.End = pos = cursor.Position;
        return null;
    }

    private static string? CheckViaParam(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, bool hasValue)
    {
        if (Lex.EqualsIgnoreCase(name, "ttl"))
        {
            return hasValue && Lex.TryUInt(value, 255, out _) ? null : "Via: invalid ttl";
        }

        if (Lex.EqualsIgnoreCase(name, "rport"))
        {
            return !hasValue || Lex.TryUInt(value, 65535, out _) ? null : "Via: invalid rport";
        }

        if (Lex.EqualsIgnoreCase(name, "branch") || Lex.EqualsIgnoreCase(name, "received") || Lex.EqualsIgnoreCase(name, "maddr"))
        {
            return hasValue && value[0] != '"' ? null : "Via: invalid " + Lex.Ascii(name);
        }

        return null;
    }

    /// <summary>Validates a whole Via header value: one or more comma-separated via-parms.</summary>
    public static string? ValidateVias(ReadOnlySpan<byte> s) => ValidateVias(s, out _);

    /// <summary>Validates a whole Via header value and returns where its first via-parm lies.</summary>
    public static string? ValidateVias(ReadOnlySpan<byte> s, out ViaRanges first)
    {
        var pos = 0;
        var error = ReadVia(s, ref pos, out first);
        while (true)
        {
            if (error is not null)
            {
                return error;
            }

            if (Lex.AtEnd(s, pos))
            {
                return null;
            }

            if (!Lex.TrySeparator(s, ref pos, (byte)','))
            {
                return "Via: unexpected character after via-parm";
            }

            error = ReadVia(s, ref pos, out _);
        }
    }

    /// <summary>
    /// Reads <c>( name-addr / addr-spec ) *( SEMI generic-param )</c>, or a lone <c>*</c> when
    /// <paramref name="allowWildcard"/> (Contact).
    /// </summary>
    public static string? ReadNameAddr(ReadOnlySpan<byte> s, ref int pos, bool allowWildcard, out NameAddrRanges r)
    {
        r = default;
        var p = pos;
        Lex.SkipWs(s, ref p);
        if (p >= s.Length)
        {
            return "empty address";
        }

        if (allowWildcard && s[p] == '*' && IsLoneStar(s, p + 1))
        {
            r.Wildcard = true;
            p++;
        }
        else
        {
            var error = ReadAddress(s, ref p, ref r);
            if (error is not null)
            {
                return error;
            }
        }

        r.ParamsStart = p;
        var cursor = new ParamCursor(s, p);
        if (!cursor.SkipAll())
        {
            return cursor.Error;
        }

        r.End = pos = cursor.Position;
        return null;
    }

    /// <summary>
    /// Reads the next element of a comma-separated address list (Contact, Route, Record-Route) and the comma after it.
    /// The error is prefixed with <paramref name="headerName"/>.
    /// </summary>
    public static string? ReadListAddress(ReadOnlySpan<byte> s, ref int pos, bool allowWildcard, string headerName, out NameAddrRanges r)
    {
        var error = ReadNameAddr(s, ref pos, allowWildcard, out r);
        if (error is not null)
        {
            return headerName + ": " + error;
        }

        return Lex.AtEnd(s, pos) || Lex.TrySeparator(s, ref pos, (byte)',') ? null : headerName + ": unexpected text after an address";
    }

    /// <summary>Validates one line of an address list without building the addresses.</summary>
    public static string? ValidateAddressList(ReadOnlySpan<byte> s, bool allowWildcard, string headerName)
    {
        var pos = 0;
        while (!Lex.AtEnd(s, pos))
        {
            var error = ReadListAddress(s, ref pos, allowWildcard, headerName, out _);
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    /// <summary><c>token *( SEMI generic-param )</c> (Event, Subscription-State); the token's range and where the parameters start.</summary>
    public static string? ReadTokenWithParameters(ReadOnlySpan<byte> s, string headerName, out Range token, out int paramsStart)
    {
        paramsStart = 0;
        Lex.SkipWs(s, ref paramsStart);
        if (!Lex.TryToken(s, ref paramsStart, out token))
        {
            return headerName + ": missing value";
        }

        return ParametersToEnd(s, paramsStart, headerName);
    }

    /// <summary><c>type "/" subtype *( SEMI m-parameter )</c> (Content-Type, RFC 3261 20.15).</summary>
    public static string? ReadMediaType(ReadOnlySpan<byte> s, out Range type, out Range subtype, out int paramsStart)
    {
        paramsStart = 0;
        subtype = default;
        Lex.SkipWs(s, ref paramsStart);
        if (!Lex.TryToken(s, ref paramsStart, out type) || !Lex.TrySeparator(s, ref paramsStart, (byte)'/') || !Lex.TryToken(s, ref paramsStart, out subtype))
        {
            return "Content-Type: invalid media type";
        }

        return ParametersToEnd(s, paramsStart, HeaderNames.ContentType);
    }

    private static string? ParametersToEnd(ReadOnlySpan<byte> s, int pos, string headerName)
    {
        var cursor = new ParamCursor(s, pos);
        return cursor.SkipAll() && Lex.AtEnd(s, cursor.Position)
            ? null
            : headerName + ": " + (cursor.Error ?? "unexpected text after the parameters");
    }

    /// <summary>A '*' is the wildcard only when nothing but parameters or the end follows; otherwise it starts a display name.</summary>
    private static bool IsLoneStar(ReadOnlySpan<byte> s, int after)
    {
        Lex.SkipWs(s, ref after);
        return after >= s.Length || s[after] is (byte)';' or (byte)',';
    }

    private static string? ReadAddress(ReadOnlySpan<byte> s, ref int p, ref NameAddrRanges r)
    {
        if (s[p] == '"')
        {
            var start = p;
            if (!Lex.TryQuoted(s, ref p, out _))
            {
                return "unterminated quoted string in display name";
            }

            r.DisplayName = start..p;
            r.DisplayNameQuoted = true;
            Lex.SkipWs(s, ref p);
            if (p >= s.Length || s[p] != '<')
            {
                return "a quoted display name must be followed by <URI>";
            }
        }
        else if (s[p] != '<')
        {
            if (UriSyntax.SchemeLength(s[p..]) >= 0)
            {
                return ReadAddrSpec(s, ref p, ref r);
            }

            // display-name = *(token LWS): unquoted names may only hold tokens (RFC 4475 3.1.2.15 baddn).
            // Octets above 0x7F are tolerated: they are common in deployed UAs and cannot be confused with syntax.
            var start = p;
            var end = p;
            while (p < s.Length && s[p] != '<')
            {
                if (CharClass.IsToken(s[p]) || s[p] >= 0x80)
                {
                    end = ++p;
                }
                else if (CharClass.IsWhitespace(s[p]))
                {
                    p++;
                }
                else
                {
                    return "invalid character '" + (char)s[p] + "' in unquoted display name";
                }
            }

            if (p >= s.Length)
            {
                return "invalid address: neither name-addr nor addr-spec";
            }

            r.DisplayName = start..end;
        }

        return ReadBracketedUri(s, ref p, ref r);
    }

    private static string? ReadBracketedUri(ReadOnlySpan<byte> s, ref int p, ref NameAddrRanges r)
    {
        var close = s[p..].IndexOf((byte)'>');
        if (close < 0)
        {
            return "missing '>' after URI";
        }

        // White space just inside the brackets is tolerated (RFC 4475 3.1.2.14 badaspec allows being liberal).
        var offset = p + 1;
        var uri = s.Slice(offset, close - 1);
        var lead = 0;
        while (lead < uri.Length && CharClass.IsWhitespace(uri[lead]))
        {
            lead++;
        }

        var trimmed = Lex.TrimWs(uri);
        var error = UriSyntax.Validate(trimmed);
        if (error is not null)
        {
            return error;
        }

        r.Uri = (offset + lead)..(offset + lead + trimmed.Length);
        r.Bracketed = true;
        p += close + 1;
        return null;
    }

    /// <summary>
    /// An addr-spec without brackets ends at the first ';', ',' or white space: RFC 3261 20 requires URIs holding
    /// those to be bracketed, and parameters after it are header parameters.
    /// </summary>
    private static string? ReadAddrSpec(ReadOnlySpan<byte> s, ref int p, ref NameAddrRanges r)
    {
        var start = p;
        while (p < s.Length && s[p] is not ((byte)';' or (byte)',') && !CharClass.IsWhitespace(s[p]))
        {
            p++;
        }

        var error = UriSyntax.Validate(s[start..p]);
        if (error is not null)
        {
            return error;
        }

        r.Uri = start..p;
        return null;
    }

    /// <summary>Validates a From or To value: exactly one address with its parameters.</summary>
    public static string? ValidateSingleAddress(ReadOnlySpan<byte> s, string headerName)
    {
        var pos = 0;
        var error = ReadNameAddr(s, ref pos, false, out _);
        if (error is not null)
        {
            return headerName + ": " + error;
        }

        return Lex.AtEnd(s, pos) ? null : headerName + ": unexpected text after the address";
    }

    /// <summary>CSeq = 1*DIGIT LWS Method; the number must fit in 32 bits (RFC 3261 8.1.1.5, RFC 4475 3.1.2.4).</summary>
    public static string? ReadCSeq(ReadOnlySpan<byte> s, out uint number, out Range method)
    {
        number = 0;
        method = default;
        var p = 0;
        Lex.SkipWs(s, ref p);
        var digits = Lex.Span(s, p, CharClass.Digit);
        if (digits == 0)
        {
            return "CSeq: missing sequence number";
        }

        if (!Lex.TryUInt(s.Slice(p, digits), uint.MaxValue, out var n))
        {
            return "CSeq: sequence number larger than 2**32-1";
        }

        number = (uint)n;
        p += digits;
        var beforeMethod = p;
        Lex.SkipWs(s, ref p);
        if (p == beforeMethod || !Lex.TryToken(s, ref p, out method))
        {
            return "CSeq: missing method";
        }

        return Lex.AtEnd(s, p) ? null : "CSeq: unexpected text after the method";
    }

    /// <summary>Call-ID = word [ "@" word ]; any visible characters are tolerated as long as there is no white space.</summary>
    public static string? ValidateCallId(ReadOnlySpan<byte> s)
    {
        var v = Lex.TrimWs(s);
        if (v.IsEmpty)
        {
            return "Call-ID: empty";
        }

        foreach (var b in v)
        {
            if (b <= 0x20 || b == 0x7F)
            {
                return "Call-ID: contains white space or control characters";
            }
        }

        return null;
    }
}
