using System.Collections;
using System.Text;

namespace ClusterSip.Sip;

/// <summary>
/// An immutable, ordered list of parameters. Names compare case-insensitively (RFC 3261 7.3.1);
/// values are kept as written.
/// </summary>
public sealed class SipParameters : IReadOnlyList<SipParameter>
{
    public static readonly SipParameters Empty = new([]);

    private readonly SipParameter[] _items;

    public SipParameters(IEnumerable<SipParameter> parameters)
        : this(parameters.ToArray())
    {
    }

    internal SipParameters(SipParameter[] items) => _items = items;

    public int Count => _items.Length;

    public SipParameter this[int index] => _items[index];

    /// <summary>The value of the first parameter with that name; null when absent or when it has no value.</summary>
    public string? this[string name] => TryGetValue(name, out var value) ? value : null;

    public bool Contains(string name) => IndexOf(name) >= 0;

    public bool TryGetValue(string name, out string? value)
    {
        var i = IndexOf(name);
        value = i >= 0 ? _items[i].Value : null;
        return i >= 0;
    }

    /// <summary>The value with surrounding quotes and quoted-pair escapes removed.</summary>
    public string? GetUnquoted(string name) => this[name] is { } v ? Unquote(v) : null;

    public int IndexOf(string name)
    {
        for (var i = 0; i < _items.Length; i++)
        {
            if (string.Equals(_items[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Returns a copy where the parameter is replaced in place, or appended when absent.</summary>
    public SipParameters With(string name, string? value)
    {
        var i = IndexOf(name);
        if (i < 0)
        {
            var added = new SipParameter[_items.Length + 1];
            _items.CopyTo(added, 0);
            added[^1] = new SipParameter(name, value);
            return new SipParameters(added);
        }

        var copy = (SipParameter[])_items.Clone();
        copy[i] = new SipParameter(copy[i].Name, value);
        return new SipParameters(copy);
    }

    public SipParameters Without(string name)
    {
        if (IndexOf(name) < 0)
        {
            return this;
        }

        return new SipParameters(_items.Where(p => !string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).ToArray());
    }

    public IEnumerator<SipParameter> GetEnumerator() => ((IEnumerable<SipParameter>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Writes each parameter preceded by <paramref name="separator"/>.</summary>
    internal void AppendTo(StringBuilder sb, char separator)
    {
        foreach (var p in _items)
        {
            sb.Append(separator).Append(p.Name);
            if (p.Value is not null)
            {
                sb.Append('=').Append(p.Value);
            }
        }
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        AppendTo(sb, ';');
        return sb.ToString();
    }

    /// <summary>Removes the quotes of a quoted-string and its quoted-pair escapes; other text is returned unchanged.</summary>
    public static string Unquote(string value)
    {
        if (value.Length < 2 || value[0] != '"' || value[^1] != '"')
        {
            return value;
        }

        var sb = new StringBuilder(value.Length);
        for (var i = 1; i < value.Length - 1; i++)
        {
            var c = value[i];
            if (c == '\\' && i + 1 < value.Length - 1)
            {
                c = value[++i];
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>Wraps text in a quoted-string, escaping quotes and backslashes.</summary>
    public static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.Append('"').ToString();
    }
}
