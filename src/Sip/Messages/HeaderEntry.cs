using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Parsing;

namespace ClusterSip.Sip.Messages;

/// <summary>
/// One header line, 24 bytes (an array of them is made for every parsed message and every copy). A received line is
/// offsets into the message buffer (nothing decoded); where its name and its line end is read from the buffer when
/// needed rather than stored. A line whose value was changed keeps its name in the buffer and holds the new value; a
/// line added in code holds both as text.
/// </summary>
internal struct HeaderEntry
{
    public int LineStart;
    public int ValueStart;
    public int ValueEnd;
    public HeaderId Id;

    // Marks a received line whose value is still in the buffer but no longer the whole received value (a list that
    // lost its first element): the line is written anew from its name and value.
    private static readonly object Shortened = new();

    // null for a received line, the new value (string) for a changed one, an AddedLine for one added in code, or Shortened.
    private object? _text;

    /// <summary>The name of a line added in code; null when the name is in the buffer.</summary>
    public readonly string? Name => (_text as AddedLine)?.Name;

    /// <summary>The value of a changed or added line; null when the value is in the buffer.</summary>
    public readonly string? Value => _text is AddedLine added ? added.Value : _text as string;

    /// <summary>True when the whole line is still the received text, to be copied verbatim.</summary>
    public readonly bool IsVerbatim => _text is null;

    /// <summary>The end of a received line's name: the token the line starts with (the parser accepted nothing else).</summary>
    public readonly int NameEnd(ReadOnlySpan<byte> source) => LineStart + Lex.Span(source, LineStart, CharClass.Token);

    /// <summary>
    /// The end of a received line, before its line break: past the value, the white space and the continuation lines
    /// of white space only that the parser counted to the line (RFC 3261 7.3.1).
    /// </summary>
    public readonly int LineEnd(ReadOnlySpan<byte> source)
    {
        var p = ValueEnd;
        while (true)
        {
            while (p < source.Length && source[p] is (byte)' ' or (byte)'\t')
            {
                p++;
            }

            var breakLength = p < source.Length && source[p] == '\n' ? 1
                : p + 1 < source.Length && source[p] == '\r' && source[p + 1] == '\n' ? 2
                : 0;
            if (breakLength == 0 || p + breakLength >= source.Length || source[p + breakLength] is not ((byte)' ' or (byte)'\t'))
            {
                return p;
            }

            p += breakLength;
        }
    }

    /// <summary>Drops the first <paramref name="length"/> bytes of a received value; the rest stays in the buffer.</summary>
    public void DropValuePrefix(int length)
    {
        ValueStart += length;
        _text = Shortened;
    }

    public void SetValue(string value) => _text = _text is AddedLine added ? new AddedLine(added.Name, value) : value;

    public static HeaderEntry FromText(string name, string value) => FromText(HeaderNames.Identify(name), name, value);

    public static HeaderEntry FromText(HeaderId id, string name, string value) =>
        new() { Id = id, LineStart = -1, _text = new AddedLine(name, value) };

    private sealed record AddedLine(string Name, string Value);
}
