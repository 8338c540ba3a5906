using System.Diagnostics.CodeAnalysis;
using System.Text;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Sip.Parsing;

/// <summary>
/// Parses one SIP message from a datagram or from a frame cut by <see cref="Framing.SipFraming"/>.
/// The start line and header boundaries are indexed over the buffer; Via, From, To, Call-ID, CSeq,
/// Content-Length and the Request-URI are validated; everything else is decoded on demand.
/// Body rules (RFC 3261 18.3): exactly Content-Length octets, extra octets discarded, fewer is an error;
/// without Content-Length the body is the rest of the input.
/// </summary>
public static class SipParser
{
    private const int MaxRetainedScratch = 256;

    [ThreadStatic]
    private static HeaderEntry[]? _scratch;

    /// <summary>Parses without copying: the message keeps a reference to <paramref name="data"/>, which must not be reused.</summary>
    /// <exception cref="SipParseException">The input is not a valid SIP message.</exception>
    public static SipMessage Parse(ReadOnlyMemory<byte> data)
    {
        try
        {
            return ParseCore(data);
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentException or InvalidOperationException or OverflowException or FormatException)
        {
            throw new SipParseException("internal parser error: " + e.Message, 400, Salvage.TryRequest(data.Span), e);
        }
    }

    /// <summary>Parses without copying; the message keeps a reference to the array.</summary>
    public static SipMessage Parse(byte[] data) => Parse(new ReadOnlyMemory<byte>(data));

    /// <summary>Copies the bytes first, so the caller may reuse its buffer.</summary>
    public static SipMessage Parse(ReadOnlySpan<byte> data) => Parse(new ReadOnlyMemory<byte>(data.ToArray()));

    public static SipMessage Parse(string text) => Parse(Encoding.UTF8.GetBytes(text));

    public static bool TryParse(ReadOnlyMemory<byte> data, [NotNullWhen(true)] out SipMessage? message, [NotNullWhen(false)] out string? reason)
    {
        try
        {
            message = Parse(data);
            reason = null;
            return true;
        }
        catch (SipParseException e)
        {
            message = null;
            reason = e.Reason;
            return false;
        }
    }

    public static bool TryParse(byte[] data, [NotNullWhen(true)] out SipMessage? message, [NotNullWhen(false)] out string? reason) =>
        TryParse(new ReadOnlyMemory<byte>(data), out message, out reason);

    public static bool TryParse(ReadOnlySpan<byte> data, [NotNullWhen(true)] out SipMessage? message, [NotNullWhen(false)] out string? reason) =>
        TryParse(new ReadOnlyMemory<byte>(data.ToArray()), out message, out reason);

    private static SipMessage ParseCore(ReadOnlyMemory<byte> data)
    {
        var all = data.Span;
        var start = 0;

        // RFC 3261 7.5: CRLFs before the start line are ignored.
        while (start < all.Length && all[start] is (byte)'\r' or (byte)'\n')
        {
            start++;
        }

        if (start == all.Length)
        {
            throw new SipParseException("empty message");
        }

        var m = all[start..];
        var newline = m.IndexOf((byte)'\n');
        if (newline < 0)
        {
            throw Fail(m, "start line is not terminated by CRLF");
        }

        var startLineLength = newline > 0 && m[newline - 1] == '\r' ? newline - 1 : newline;
        var startLine = m[..startLineLength];
        var isResponse = startLine.Length >= 4 && Lex.EqualsIgnoreCase(startLine[..4], "SIP/");
        var status = 0;
        Range uriOrReason;
        string? method = null;
        if (isResponse)
        {
            ParseStatusLine(m, startLine, out status, out uriOrReason);
        }
        else
        {
            ParseRequestLine(m, startLine, out method, out uriOrReason);
        }

        var scratch = _scratch ??= new HeaderEntry[64];
        var count = 0;
        var bodyStart = -1;
        var p = newline + 1;
        while (p < m.Length)
        {
            var idx = m[p..].IndexOf((byte)'\n');
            int end, next;
            if (idx < 0)
            {
                end = next = m.Length;
            }
            else
            {
                end = p + idx;
                next = end + 1;
                if (end > p && m[end - 1] == '\r')
                {
                    end--;
                }
            }

            if (end == p)
            {
                bodyStart = next;
                break;
            }

            if (m[p] is (byte)' ' or (byte)'\t')
            {
                // RFC 3261 7.3.1: a line starting with white space continues the previous header value.
                if (count == 0)
                {
                    throw Fail(m, "folded line before the first header");
                }

                ref var previous = ref scratch[count - 1];
                var cs = p;
                while (cs < end && m[cs] is (byte)' ' or (byte)'\t')
                {
                    cs++;
                }

                var ce = TrimEnd(m, cs, end);
                if (cs < ce)
                {
                    if (previous.ValueStart == previous.ValueEnd)
                    {
                        previous.ValueStart = cs;
                    }

                    previous.ValueEnd = ce;
                }

            }
            else
            {
                if (count == scratch.Length)
                {
                    Array.Resize(ref scratch, scratch.Length * 2);

                    // Only modest growth is kept for the thread; a hostile header count must not pin memory.
                    if (scratch.Length <= MaxRetainedScratch)
                    {
                        _scratch = scratch;
                    }
                }

                scratch[count++] = ReadHeaderLine(m, p, end);
            }

            p = next;
        }

        // A datagram that ends without the empty line after the headers is tolerated as having no body.
        if (bodyStart < 0)
        {
            bodyStart = m.Length;
        }

        // Two spare slots: a proxy adds a Via and a Record-Route to most requests it forwards.
        var entries = new HeaderEntry[count + 2];
        scratch.AsSpan(0, count).CopyTo(entries);
        var available = m.Length - bodyStart;
        var contentLength = ContentLengthOf(m, entries.AsSpan(0, count));
        if (contentLength > available)
        {
            throw Fail(m, "Content-Length " + contentLength + " exceeds the " + available + " body bytes received");
        }

        var bodyLength = contentLength >= 0 ? contentLength : available;
        var hasVia = ValidateHeaders(m, entries.AsSpan(0, count), out var topVia);

        var source = data.Slice(start, bodyStart + bodyLength);
        var body = source.Slice(bodyStart, bodyLength);
        SipMessage message = isResponse
            ? new SipResponse(source, startLineLength, entries, count, body, status, uriOrReason)
            : new SipRequest(source, startLineLength, entries, count, body, method!, uriOrReason);
        if (hasVia)
        {
            message.SetParsedTopVia(topVia);
        }

        return message;
    }

    private static void ParseStatusLine(ReadOnlySpan<byte> m, ReadOnlySpan<byte> line, out int status, out Range reason)
    {
        var sp = line.IndexOf((byte)' ');
        if (sp < 0)
        {
            throw Fail(m, "status line has no status code");
        }

        CheckVersion(m, line[..sp]);
        var digits = Lex.Span(line, sp + 1, CharClass.Digit);
        var after = sp + 1 + digits;
        if (digits != 3 || (after < line.Length && line[after] != ' '))
        {
            throw Fail(m, "status code must be three digits");
        }

        status = ((line[sp + 1] - '0') * 100) + ((line[sp + 2] - '0') * 10) + (line[sp + 3] - '0');
        if (status is < 100 or > 699)
        {
            throw Fail(m, "status code " + status + " is outside 100-699");
        }

        reason = after < line.Length ? (after + 1)..line.Length : line.Length..line.Length;
    }

    private static void ParseRequestLine(ReadOnlySpan<byte> m, ReadOnlySpan<byte> line, out string method, out Range uri)
    {
        // Request-Line = Method SP Request-URI SP SIP-Version: exactly two single spaces (RFC 3261 7.1).
        var sp1 = line.IndexOf((byte)' ');
        if (sp1 <= 0)
        {
            throw Fail(m, "request line has no Request-URI");
        }

        if (Lex.Span(line, 0, CharClass.Token) != sp1)
        {
            throw Fail(m, "method is not a token");
        }

        var sp2 = line[(sp1 + 1)..].IndexOf((byte)' ');
        if (sp2 < 0)
        {
            throw Fail(m, "request line has no SIP version");
        }

        sp2 += sp1 + 1;
        var version = line[(sp2 + 1)..];
        if (sp2 == sp1 + 1 || version.Contains((byte)' ') || version.Contains((byte)'\t'))
        {
            throw Fail(m, "request line elements must be separated by single spaces, with none in the Request-URI or at the end");
        }

        CheckVersion(m, version);
        var uriError = UriSyntax.Validate(line[(sp1 + 1)..sp2]);
        if (uriError is not null)
        {
            throw Fail(m, "invalid Request-URI: " + uriError);
        }

        method = SipMethods.Intern(line[..sp1]);
        uri = (sp1 + 1)..sp2;
    }

    /// <summary>SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT; only 2.0 is supported (505 otherwise, RFC 3261 21.5.6).</summary>
    private static void CheckVersion(ReadOnlySpan<byte> m, ReadOnlySpan<byte> version)
    {
        if (Lex.EqualsIgnoreCase(version, SipMessage.SipVersion))
        {
            return;
        }

        throw IsWellFormedVersion(version)
            ? Fail(m, "unsupported SIP version " + Lex.Ascii(version), 505)
            : Fail(m, "invalid SIP version '" + Lex.Ascii(version) + "'");
    }

    private static bool IsWellFormedVersion(ReadOnlySpan<byte> v)
    {
        if (v.Length < 7 || !Lex.EqualsIgnoreCase(v[..4], "SIP/"))
        {
            return false;
        }

        var major = Lex.Span(v, 4, CharClass.Digit);
        if (major == 0 || 4 + major >= v.Length || v[4 + major] != '.')
        {
            return false;
        }

        var minor = Lex.Span(v, 5 + major, CharClass.Digit);
        return minor > 0 && 5 + major + minor == v.Length;
    }

    private static HeaderEntry ReadHeaderLine(ReadOnlySpan<byte> m, int start, int end)
    {
        var q = start;
        while (q < end && CharClass.IsToken(m[q]))
        {
            q++;
        }

        var nameEnd = q;
        while (q < end && m[q] is (byte)' ' or (byte)'\t')
        {
            q++;
        }

        if (nameEnd == start || q >= end || m[q] != ':')
        {
            throw Fail(m, "malformed header line '" + Lex.Ascii(m[start..Math.Min(end, start + 40)]) + "'");
        }

        q++;
        while (q < end && m[q] is (byte)' ' or (byte)'\t')
        {
            q++;
        }

        return new HeaderEntry
        {
            Id = HeaderNames.Identify(m[start..nameEnd]),
            LineStart = start,
            ValueStart = q,
            ValueEnd = TrimEnd(m, q, end),
        };
    }

    private static int TrimEnd(ReadOnlySpan<byte> m, int start, int end)
    {
        while (end > start && m[end - 1] is (byte)' ' or (byte)'\t')
        {
            end--;
        }

        return end;
    }

    /// <summary>The first Content-Length value, or -1 when there is none. Several differing values are left to the validator.</summary>
    private static int ContentLengthOf(ReadOnlySpan<byte> m, ReadOnlySpan<HeaderEntry> entries)
    {
        foreach (ref readonly var e in entries)
        {
            if (e.Id == HeaderId.ContentLength)
            {
                return Lex.TryUInt(Lex.TrimWs(m[e.ValueStart..e.ValueEnd]), int.MaxValue, out var value)
                    ? (int)value
                    : throw Fail(m, "invalid Content-Length '" + Lex.Text(m[e.ValueStart..e.ValueEnd]) + "'");
            }
        }

        return -1;
    }

    /// <summary>Validates the headers every transaction reads; returns whether there is a Via, and where its first value lies.</summary>
    private static bool ValidateHeaders(ReadOnlySpan<byte> m, ReadOnlySpan<HeaderEntry> entries, out ViaRanges topVia)
    {
        topVia = default;
        var hasVia = false;
        foreach (ref readonly var e in entries)
        {
            var value = m[e.ValueStart..e.ValueEnd];
            string? error;
            if (e.Id == HeaderId.Via && !hasVia)
            {
                error = HeaderSyntax.ValidateVias(value, out topVia);
                hasVia = true;
            }
            else
            {
                error = e.Id switch
                {
                    HeaderId.Via => HeaderSyntax.ValidateVias(value),
                    HeaderId.From => HeaderSyntax.ValidateSingleAddress(value, HeaderNames.From),
                    HeaderId.To => HeaderSyntax.ValidateSingleAddress(value, HeaderNames.To),
                    HeaderId.CallId => HeaderSyntax.ValidateCallId(value),
                    HeaderId.CSeq => HeaderSyntax.ReadCSeq(value, out _, out _),
                    _ => null,
                };
            }

            if (error is not null)
            {
                throw Fail(m, error);
            }
        }

        return hasVia;
    }

    private static SipParseException Fail(ReadOnlySpan<byte> m, string reason, int status = 400) =>
        new(reason, status, Salvage.TryRequest(m), null);
}
