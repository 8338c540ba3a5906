using System.Text;
using ClusterSip.Sip.Headers;

namespace ClusterSip.Sip.Parsing;

/// <summary>
/// Best-effort recovery of the headers a response must copy (RFC 3261 8.2.6) from input that failed to parse.
/// Tolerant on purpose: it only runs on the error path.
/// </summary>
internal static class Salvage
{
    public static PartialRequest? TryRequest(ReadOnlySpan<byte> m)
    {
        var newline = m.IndexOf((byte)'\n');
        var firstLine = newline < 0 ? m : m[..newline];
        var methodLength = Lex.Span(firstLine, 0, CharClass.Token);
        if (methodLength == 0 || methodLength >= firstLine.Length || firstLine[methodLength] != ' '
            || Lex.EqualsIgnoreCase(firstLine[..Math.Min(4, firstLine.Length)], "SIP/"))
        {
            return null;
        }

        var vias = new List<string>();
        string? from = null, to = null, callId = null, cseq = null;
        var lines = newline < 0 ? ReadOnlySpan<byte>.Empty : m[(newline + 1)..];
        var current = HeaderId.Unknown;
        StringBuilder? value = null;
        while (!lines.IsEmpty)
        {
            var end = lines.IndexOf((byte)'\n');
            var line = end < 0 ? lines : lines[..end];
            lines = end < 0 ? ReadOnlySpan<byte>.Empty : lines[(end + 1)..];
            line = line.TrimEnd((byte)'\r');
            if (line.IsEmpty)
            {
                break;
            }

            if (line[0] is (byte)' ' or (byte)'\t')
            {
                value?.Append(' ').Append(Lex.Text(Lex.TrimWs(line)));
                continue;
            }

            Keep(current, value, vias, ref from, ref to, ref callId, ref cseq);
            var colon = line.IndexOf((byte)':');
            current = colon > 0 ? HeaderNames.Identify(Lex.TrimWs(line[..colon])) : HeaderId.Unknown;
            current = current is HeaderId.Via or HeaderId.From or HeaderId.To or HeaderId.CallId or HeaderId.CSeq ? current : HeaderId.Unknown;
            value = current == HeaderId.Unknown ? null : new StringBuilder(Lex.Text(Lex.TrimWs(line[(colon + 1)..])));
        }

        Keep(current, value, vias, ref from, ref to, ref callId, ref cseq);
        return new PartialRequest(Lex.Ascii(firstLine[..methodLength]), vias, from, to, callId, cseq);
    }

    private static void Keep(HeaderId id, StringBuilder? text, List<string> vias, ref string? from, ref string? to, ref string? callId, ref string? cseq)
    {
        if (text is not { Length: > 0 })
        {
            return;
        }

        var value = text.ToString();
        switch (id)
        {
            case HeaderId.Via:
                vias.Add(value);
                break;
            case HeaderId.From:
                from ??= value;
                break;
            case HeaderId.To:
                to ??= value;
                break;
            case HeaderId.CallId:
                callId ??= value;
                break;
            case HeaderId.CSeq:
                cseq ??= value;
                break;
        }
    }
}
