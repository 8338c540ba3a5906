using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Parsing;

namespace ClusterSip.Sip.Framing;

/// <summary>
/// Cuts a stream (TCP, TLS) into SIP messages and keep-alives. Stateless: call it on the unconsumed bytes, consume
/// <see cref="SipFrame.Length"/> bytes after each complete frame, and call again.
/// </summary>
public static class SipFraming
{
    /// <summary>
    /// Identifies the frame at the start of <paramref name="buffer"/>. A lone CRLF is reported as
    /// <see cref="FrameKind.Incomplete"/> until the next bytes show whether it is a pong or the start of a ping;
    /// a client waiting for a pong may treat a buffered lone CRLF as one.
    /// </summary>
    public static SipFrame Frame(ReadOnlySpan<byte> buffer, int maxMessageSize)
    {
        if (buffer.IsEmpty)
        {
            return SipFrame.Incomplete;
        }

        if (buffer[0] == '\r')
        {
            return FrameKeepAlive(buffer);
        }

        if (buffer[0] == '\n')
        {
            return new SipFrame(FrameKind.KeepAlivePong, 1);
        }

        var headerEnd = FindHeaderEnd(buffer, out var bodyStart);
        if (headerEnd < 0)
        {
            return buffer.Length >= maxMessageSize
                ? new SipFrame(FrameKind.TooLarge, 0, "headers exceed the maximum message size of " + maxMessageSize + " bytes")
                : SipFrame.Incomplete;
        }

        var contentLength = FindContentLength(buffer[..headerEnd], out var error);
        if (error is not null)
        {
            return new SipFrame(FrameKind.Error, 0, error);
        }

        var total = (long)bodyStart + contentLength;
        if (total > maxMessageSize)
        {
            return new SipFrame(FrameKind.TooLarge, 0, "message of " + total + " bytes exceeds the maximum of " + maxMessageSize);
        }

        return buffer.Length < total ? SipFrame.Incomplete : new SipFrame(FrameKind.Message, (int)total);
    }

    private static SipFrame FrameKeepAlive(ReadOnlySpan<byte> b)
    {
        if (b.Length < 2)
        {
            return SipFrame.Incomplete;
        }

        if (b[1] != '\n')
        {
            return new SipFrame(FrameKind.Error, 0, "CR not followed by LF");
        }

        if (b.Length == 2 || (b.Length == 3 && b[2] == '\r'))
        {
            return SipFrame.Incomplete;
        }

        return b[2] == '\r' && b[3] == '\n' ? new SipFrame(FrameKind.KeepAlivePing, 4) : new SipFrame(FrameKind.KeepAlivePong, 2);
    }

    /// <summary>Index where the empty line starts (end of the last header line), or -1; bodyStart is after the empty line.</summary>
    private static int FindHeaderEnd(ReadOnlySpan<byte> b, out int bodyStart)
    {
        var from = 0;
        while (true)
        {
            var nl = b[from..].IndexOf((byte)'\n');
            if (nl < 0)
            {
                bodyStart = -1;
                return -1;
            }

            var i = from + nl;
            if (i + 1 < b.Length && b[i + 1] == '\n')
            {
                bodyStart = i + 2;
                return i + 1;
            }

            if (i + 2 < b.Length && b[i + 1] == '\r' && b[i + 2] == '\n')
            {
                bodyStart = i + 3;
                return i + 1;
            }

            from = i + 1;
        }
    }

    /// <summary>RFC 3261 18.3: on a stream Content-Length is mandatory; differing values make the stream unframeable.</summary>
    private static int FindContentLength(ReadOnlySpan<byte> headers, out string? error)
    {
        var value = -1;
        error = null;
        var rest = headers;
        var first = true;
        while (!rest.IsEmpty)
        {
            var nl = rest.IndexOf((byte)'\n');
            var line = nl < 0 ? rest : rest[..nl];
            rest = nl < 0 ? ReadOnlySpan<byte>.Empty : rest[(nl + 1)..];
            if (first)
            {
                first = false;
                continue;
            }

            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || line[0] is (byte)' ' or (byte)'\t'
                || HeaderNames.Identify(Lex.TrimWs(line[..colon])) != HeaderId.ContentLength)
            {
                continue;
            }

            // A folded Content-Length value continues on the following lines.
            var end = 0;
            while (end < rest.Length && rest[end] is (byte)' ' or (byte)'\t')
            {
                var next = rest[end..].IndexOf((byte)'\n');
                end = next < 0 ? rest.Length : end + next + 1;
            }

            var text = Lex.TrimWs(line[(colon + 1)..]);
            if (text.IsEmpty && end > 0)
            {
                text = Lex.TrimWs(rest[..end]);
            }

            if (!Lex.TryUInt(text, int.MaxValue, out var parsed))
            {
                error = "invalid Content-Length";
                return -1;
            }

            if (value >= 0 && value != (int)parsed)
            {
                error = "conflicting Content-Length values";
                return -1;
            }

            value = (int)parsed;
        }

        if (value < 0)
        {
            error = "missing Content-Length on a stream transport (RFC 3261 18.3)";
        }

        return value;
    }
}
