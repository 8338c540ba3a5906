using System.Collections;
using System.Text;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Parsing;

namespace ClusterSip.Sip.Messages;

/// <summary>
/// The header lines of a message, in order, with their raw text. Names match case-insensitively and compact
/// forms match their full names (<c>Get("Via")</c> finds <c>v:</c> lines). A line holding a comma-separated list
/// stays one line; <see cref="GetValues"/> splits lists.
/// </summary>
public sealed class SipHeaders : IReadOnlyList<SipHeader>
{
    private readonly SipMessage _owner;
    private HeaderEntry[] _entries;
    private int _count;

    internal SipHeaders(SipMessage owner, HeaderEntry[] entries, int count)
    {
        _owner = owner;
        _entries = entries;
        _count = count;
    }

    public int Count => _count;

    /// <summary>The same lines for another message; the entries are values, so the two lists change independently.</summary>
    internal SipHeaders CopyFor(SipMessage owner)
    {
        var entries = new HeaderEntry[_count + 2];
        Array.Copy(_entries, entries, _count);
        return new SipHeaders(owner, entries, _count);
    }

    public SipHeader this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
            return new SipHeader(NameAt(index), ValueAt(index));
        }
    }

    internal ReadOnlySpan<HeaderEntry> Entries => _entries.AsSpan(0, _count);

    /// <summary>The value of the first line with that name, or null.</summary>
    public string? Get(string name)
    {
        var i = IndexOf(name);
        return i < 0 ? null : ValueAt(i);
    }

    /// <summary>The values of all lines with that name, in order (a line's comma list is not split).</summary>
    public IReadOnlyList<string> GetAll(string name)
    {
        var first = IndexOf(name);
        if (first < 0)
        {
            return []; // asked of every forwarded request for headers most lack (Route, Proxy-Require): no list for each
        }

        var list = new List<string>();
        for (var i = first; i >= 0; i = IndexOf(name, i + 1))
        {
            list.Add(ValueAt(i));
        }

        return list;
    }

    /// <summary>
    /// All list elements of that header across its lines, split at commas outside quotes and angle brackets.
    /// Only meaningful for headers defined as comma-separated lists.
    /// </summary>
    public IReadOnlyList<string> GetValues(string name)
    {
        var list = new List<string>();
        for (var i = IndexOf(name); i >= 0; i = IndexOf(name, i + 1))
        {
            ListSplitter.AddElements(ValueBytes(i), list);
        }

        return list;
    }

    public bool Contains(string name) => IndexOf(name) >= 0;

    public int IndexOf(string name, int startIndex = 0)
    {
        var id = HeaderNames.Identify(name);
        for (var i = startIndex; i < _count; i++)
        {
            if (id != HeaderId.Unknown ? _entries[i].Id == id : _entries[i].Id == HeaderId.Unknown && NameEquals(i, name))
            {
                return i;
            }
        }

        return -1;
    }

    public void Add(string name, string value) => Insert(_count, name, value);

    public void Insert(int index, string name, string value)
    {
        CheckName(name);
        Insert(index, HeaderEntry.FromText(name, value));
    }

    /// <summary>Inserts the line before the first line of the same header (making it the topmost value), or appends it.</summary>
    public void Prepend(string name, string value)
    {
        var i = IndexOf(name);
        Insert(i < 0 ? _count : i, name, value);
    }

    /// <summary>Replaces the first line of that header in place and removes the others; appends when absent.</summary>
    public void Set(string name, string value)
    {
        var i = IndexOf(name);
        if (i < 0)
        {
            Add(name, value);
            return;
        }

        SetAt(i, value);
        for (var j = IndexOf(name, i + 1); j >= 0; j = IndexOf(name, j))
        {
            RemoveAt(j);
        }
    }

    /// <summary><see cref="Prepend(string, string)"/> for a known header: no name lookup (the helpers proxies call per message).</summary>
    internal void Prepend(HeaderId id, string name, string value)
    {
        var i = FirstIndex(id);
        Insert(i < 0 ? _count : i, HeaderEntry.FromText(id, name, value));
    }

    /// <summary><see cref="Add(string, string)"/> for a known header.</summary>
    internal void Add(HeaderId id, string name, string value) => Insert(_count, HeaderEntry.FromText(id, name, value));

    /// <summary>The value of the first line of a known header, or null.</summary>
    internal string? Get(HeaderId id)
    {
        var i = FirstIndex(id);
        return i < 0 ? null : ValueAt(i);
    }

    /// <summary><see cref="Set(string, string)"/> for a known header.</summary>
    internal void Set(HeaderId id, string name, string value)
    {
        var i = FirstIndex(id);
        if (i < 0)
        {
            Insert(_count, HeaderEntry.FromText(id, name, value));
            return;
        }

        SetAt(i, value);
        for (var j = FirstIndex(id, i + 1); j >= 0; j = FirstIndex(id, j))
        {
            RemoveAt(j);
        }
    }

    /// <summary>Replaces the value of the line at <paramref name="index"/>, keeping its name as written.</summary>
    public void SetAt(int index, string value)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
        CheckValue(value);
        _entries[index].SetValue(value);
        _owner.OnHeadersChanged(_entries[index].Id);
    }

    /// <summary>
    /// Drops the first <paramref name="length"/> bytes of the value of a line whose value is in the message buffer,
    /// keeping the rest there rather than copying it into a string; false (nothing changed) for a value set in code.
    /// </summary>
    internal bool TryDropValuePrefix(int index, int length)
    {
        ref var e = ref _entries[index];
        if (e.Name is not null || e.Value is not null)
        {
            return false;
        }

        e.DropValuePrefix(length);
        _owner.OnHeadersChanged(e.Id);
        return true;
    }

    /// <summary>Removes every line of that header; returns how many were removed.</summary>
    public int Remove(string name)
    {
        var removed = 0;
        for (var i = IndexOf(name); i >= 0; i = IndexOf(name, i))
        {
            RemoveAt(i);
            removed++;
        }

        return removed;
    }

    public bool RemoveFirst(string name)
    {
        var i = IndexOf(name);
        if (i >= 0)
        {
            RemoveAt(i);
        }

        return i >= 0;
    }

    public void RemoveAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
        var id = _entries[index].Id;
        Array.Copy(_entries, index + 1, _entries, index, _count - index - 1);
        _entries[--_count] = default;
        _owner.OnHeadersChanged(id);
    }

    public IEnumerator<SipHeader> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The name of the line as written.</summary>
    internal string NameAt(int index)
    {
        ref readonly var e = ref _entries[index];
        var source = _owner.Source.Span;
        return e.Name ?? Lex.Ascii(source[e.LineStart..e.NameEnd(source)]);
    }

    internal string ValueAt(int index)
    {
        ref readonly var e = ref _entries[index];
        return e.Value ?? Lex.Text(_owner.Source.Span[e.ValueStart..e.ValueEnd]);
    }

    /// <summary>The value bytes: a slice of the message buffer for parsed lines, an encoding for lines set in code.</summary>
    internal ReadOnlySpan<byte> ValueBytes(int index) => ValueMemory(index).Span;

    /// <summary><see cref="ValueBytes"/> for a value object that keeps the bytes.</summary>
    internal ReadOnlyMemory<byte> ValueMemory(int index)
    {
        ref readonly var e = ref _entries[index];
        return e.Value is null ? _owner.Source[e.ValueStart..e.ValueEnd] : Encoding.UTF8.GetBytes(e.Value);
    }

    /// <summary>True when the line is still as received (and so was validated by the parser if it is one it checks).</summary>
    internal bool IsVerbatim(int index) => _entries[index].IsVerbatim;

    internal int FirstIndex(HeaderId id, int start = 0)
    {
        for (var i = start; i < _count; i++)
        {
            if (_entries[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }

    private void Insert(int index, HeaderEntry entry)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)index, (uint)_count, nameof(index));
        CheckValue(entry.Value!);
        if (_count == _entries.Length)
        {
            // Messages gain few headers after parsing (a Via, a Record-Route): grow by a little.
            Array.Resize(ref _entries, _count + 4);
        }

        Array.Copy(_entries, index, _entries, index + 1, _count - index);
        _entries[index] = entry;
        _count++;
        _owner.OnHeadersChanged(entry.Id);
    }

    private bool NameEquals(int index, string name)
    {
        ref readonly var e = ref _entries[index];
        var source = _owner.Source.Span;
        return e.Name is null
            ? Lex.EqualsIgnoreCase(source[e.LineStart..e.NameEnd(source)], name)
            : string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase);
    }

    private static void CheckName(string name)
    {
        var valid = name.Length > 0;
        foreach (var c in name)
        {
            valid &= c < 0x80 && CharClass.IsToken((byte)c);
        }

        if (!valid)
        {
            throw new ArgumentException("A header name must be a non-empty token: '" + name + "'.", nameof(name));
        }
    }

    private static void CheckValue(string value)
    {
        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException("A header value must not contain CR or LF.", nameof(value));
        }
    }
}
