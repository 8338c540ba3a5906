using System.Globalization;
using System.Text;
using ClusterSip.Sip.Parsing;

namespace ClusterSip.Sip.Messages;

/// <summary>Builds a header value into a caller-provided buffer, so that editing one costs only the final string.</summary>
internal ref struct TextBuilder
{
    private readonly Span<char> _buffer;
    private int _length;

    public TextBuilder(Span<char> buffer)
    {
        _buffer = buffer;
        _length = 0;
    }

    public void Append(char c) => _buffer[_length++] = c;

    public void Append(string text)
    {
        text.CopyTo(_buffer[_length..]);
        _length += text.Length;
    }

    public void Append(int value)
    {
        value.TryFormat(_buffer[_length..], out var written, default, CultureInfo.InvariantCulture);
        _length += written;
    }

    /// <summary>Appends <c>source[from..to]</c> decoded as header text (folds become spaces); returns <paramref name="to"/>.</summary>
    public int AppendBytes(ReadOnlySpan<byte> source, int from, int to)
    {
        var segment = source[from..to];
        if (segment.IndexOfAny((byte)'\r', (byte)'\n') >= 0)
        {
            Append(Lex.Text(segment));
        }
        else
        {
            _length += Encoding.UTF8.GetChars(segment, _buffer[_length..]);
        }

        return to;
    }

    public override readonly string ToString() => new(_buffer[.._length]);
}
