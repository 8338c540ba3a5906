using ClusterSip.Sip.Headers;

namespace ClusterSip.Sip.Messages;

/// <summary>
/// One header line, 32 bytes. A received line is offsets into the message buffer (nothing decoded). A line whose
/// value was changed keeps its name in the buffer and holds the new value; a line added in code holds both as text.
/// </summary>
internal struct HeaderEntry
{
    public int LineStart;
    public int NameEnd;
    public int ValueStart;
    public int ValueEnd;
    public int LineEnd;
    public HeaderId Id;

    // null for a received line, the new value (string) for a changed one, an AddedLine for one added in code.
    private object? _text;

    /// <summary>The name of a line added in code; null when the name is in the buffer.</summary>
    public readonly string? Name => (_text as AddedLine)?.Name;

    /// <summary>The value of a changed or added line; null when the value is in the buffer.</summary>
    public readonly string? Value => _text is AddedLine added ? added.Value : (string?)_text;

    /// <summary>True when the whole line is still the received text, to be copied verbatim.</summary>
    public readonly bool IsVerbatim => _text is null;

    public void SetValue(string value) => _text = _text is AddedLine added ? new AddedLine(added.Name, value) : value;

    public static HeaderEntry FromText(string name, string value) => FromText(HeaderNames.Identify(name), name, value);

    public static HeaderEntry FromText(HeaderId id, string name, string value) =>
        new() { Id = id, LineStart = -1, _text = new AddedLine(name, value) };

    private sealed record AddedLine(string Name, string Value);
}
