using System.Globalization;
using System.Text;
using ClusterSip.Sip.Headers;

namespace ClusterSip.Sip.Messages;

/// <summary>Serializes a changed or built message; lines that were parsed and not changed are copied as received.</summary>
internal static class MessageWriter
{
    private static ReadOnlySpan<byte> Crlf => "\r\n"u8;

    private static ReadOnlySpan<byte> ColonSpace => ": "u8;

    public static int Measure(SipMessage message)
    {
        var sink = new Sink(default, measuring: true);
        WriteMessage(message, ref sink);
        return sink.Position;
    }

    public static int Write(SipMessage message, Span<byte> destination)
    {
        var sink = new Sink(destination, measuring: false);
        WriteMessage(message, ref sink);
        return sink.Position;
    }

    private static void WriteMessage(SipMessage message, ref Sink sink)
    {
        var source = message.Source.Span;
        if (message.StartLineLength >= 0 && !message.StartLineModified)
        {
            sink.Write(source[..message.StartLineLength]);
        }
        else
        {
            message.WriteStartLine(ref sink);
        }

        sink.Write(Crlf);
        var bodyLength = message.Body.Length;
        var hasContentLength = false;
        foreach (ref readonly var e in message.Headers.Entries)
        {
            if (e.IsVerbatim && e.Id != HeaderId.ContentLength)
            {
                sink.Write(source[e.LineStart..e.LineEnd(source)]);
            }
            else
            {
                if (e.Name is null)
                {
                    sink.Write(source[e.LineStart..e.NameEnd(source)]);
                }
                else
                {
                    sink.Write(e.Name);
                }

                sink.Write(ColonSpace);
                if (e.Id == HeaderId.ContentLength)
                {
                    hasContentLength = true;
                    sink.Write(bodyLength);
                }
                else if (e.Value is { } value)
                {
                    sink.Write(value);
                }
                else
                {
                    sink.Write(source[e.ValueStart..e.ValueEnd]);
                }
            }

            sink.Write(Crlf);
        }

        if (!hasContentLength)
        {
            sink.Write(HeaderNames.ContentLength);
            sink.Write(ColonSpace);
            sink.Write(bodyLength);
            sink.Write(Crlf);
        }

        sink.Write(Crlf);
        sink.Write(message.Body.Span);
    }

    /// <summary>Writes into a span, or only counts when measuring.</summary>
    internal ref struct Sink
    {
        private readonly Span<byte> _destination;
        private readonly bool _measuring;

        public Sink(Span<byte> destination, bool measuring)
        {
            _destination = destination;
            _measuring = measuring;
            Position = 0;
        }

        public int Position { get; private set; }

        public void Write(scoped ReadOnlySpan<byte> bytes)
        {
            if (!_measuring)
            {
                bytes.CopyTo(_destination[Position..]);
            }

            Position += bytes.Length;
        }

        public void Write(string text)
        {
            Position += _measuring ? Encoding.UTF8.GetByteCount(text) : Encoding.UTF8.GetBytes(text, _destination[Position..]);
        }

        public void Write(int value)
        {
            Span<byte> digits = stackalloc byte[11];
            value.TryFormat(digits, out var n, default, CultureInfo.InvariantCulture);
            Write(digits[..n]);
        }
    }
}
