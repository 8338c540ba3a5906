using System.Text;

namespace ClusterSip.Sip.Parsing;

/// <summary>
/// Low-level scanning over header-value bytes. Folded lines keep their CR LF in the value, so CR and LF
/// count as linear white space here (RFC 3261 7.3.1: a fold is equivalent to SP).
/// </summary>
internal static class Lex
{
    public static void SkipWs(ReadOnlySpan<byte> s, ref int pos)
    {
        while (pos < s.Length && CharClass.IsWhitespace(s[pos]))
        {
            pos++;
        }
    }

    /// <summary>Consumes <c>SWS sep SWS</c> when the next non-blank byte is <paramref name="sep"/>.</summary>
    public static bool TrySeparator(ReadOnlySpan<byte> s, ref int pos, byte sep)
    {
        var p = pos;
        SkipWs(s, ref p);
        if (p >= s.Length || s[p] != sep)
        {
            return false;
        }

        p++;
        SkipWs(s, ref p);
        pos = p;
        return true;
    }

    public static bool AtEnd(ReadOnlySpan<byte> s, int pos)
    {
        SkipWs(s, ref pos);
        return pos >= s.Length;
    }

    public static int Span(ReadOnlySpan<byte> s, int pos, ushort cls)
    {
        var p = pos;
        while (p < s.Length && CharClass.Is(s[p], cls))
        {
            p++;
        }

        return p - pos;
    }

    public static bool TryToken(ReadOnlySpan<byte> s, ref int pos, out Range token)
    {
        var n = Span(s, pos, CharClass.Token);
        token = pos..(pos + n);
        pos += n;
        return n > 0;
    }

    /// <summary>Reads a quoted-string starting at the opening quote; the range includes both quotes.</summary>
    public static bool TryQuoted(ReadOnlySpan<byte> s, ref int pos, out Range quoted)
    {
        quoted = default;
        if (pos >= s.Length || s[pos] != '"')
        {
            return false;
        }

        for (var p = pos + 1; p < s.Length; p++)
        {
            var b = s[p];
            if (b == '\\')
            {
                p++;
            }
            else if (b == '"')
            {
                quoted = pos..(p + 1);
                pos = p + 1;
                return true;
            }
        }

        return false;
    }

    /// <summary>gen-value = token / host / quoted-string (host covers the bracketed IPv6 reference).</summary>
    public static bool TryGenValue(ReadOnlySpan<byte> s, ref int pos, out Range value)
    {
        value = default;
        if (pos >= s.Length)
        {
            return false;
        }

        if (s[pos] == '"')
        {
            return TryQuoted(s, ref pos, out value);
        }

        if (s[pos] == '[')
        {
            var close = s[pos..].IndexOf((byte)']');
            if (close < 0 || !IsIPv6Chars(s.Slice(pos + 1, close - 1)))
            {
                return false;
            }

            value = pos..(pos + close + 1);
            pos += close + 1;
            return true;
        }

        return TryToken(s, ref pos, out value);
    }

    public static bool IsIPv6Chars(ReadOnlySpan<byte> s)
    {
        if (s.Length < 2)
        {
            return false;
        }

        foreach (var b in s)
        {
            if (!(CharClass.Is(b, CharClass.Hex) || b == ':' || b == '.'))
            {
                return false;
            }
        }

        return s.Contains((byte)':');
    }

    /// <summary>Parses 1*DIGIT into a value no larger than <paramref name="max"/>.</summary>
    public static bool TryUInt(ReadOnlySpan<byte> s, ulong max, out ulong value)
    {
        value = 0;
        if (s.IsEmpty)
        {
            return false;
        }

        foreach (var b in s)
        {
            if (!CharClass.IsDigit(b))
            {
                return false;
            }

            value = (value * 10) + (ulong)(b - '0');
            if (value > max)
            {
                return false;
            }
        }

        return true;
    }

    public static ReadOnlySpan<byte> TrimWs(ReadOnlySpan<byte> s)
    {
        var start = 0;
        var end = s.Length;
        while (start < end && CharClass.IsWhitespace(s[start]))
        {
            start++;
        }

        while (end > start && CharClass.IsWhitespace(s[end - 1]))
        {
            end--;
        }

        return s[start..end];
    }

    /// <summary>Decodes UTF-8, replacing each run of folding white space by a single SP.</summary>
    public static string Text(ReadOnlySpan<byte> s)
    {
        if (s.IndexOfAny((byte)'\r', (byte)'\n') < 0)
        {
            return Encoding.UTF8.GetString(s);
        }

        var buffer = new byte[s.Length];
        var n = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] is (byte)'\r' or (byte)'\n')
            {
                while (n > 0 && buffer[n - 1] is (byte)' ' or (byte)'\t')
                {
                    n--;
                }

                while (i + 1 < s.Length && CharClass.IsWhitespace(s[i + 1]))
                {
                    i++;
                }

                buffer[n++] = (byte)' ';
                continue;
            }

            buffer[n++] = s[i];
        }

        return Encoding.UTF8.GetString(buffer, 0, n);
    }

    public static string Ascii(ReadOnlySpan<byte> s) => Encoding.UTF8.GetString(s);

    public static bool EqualsIgnoreCase(ReadOnlySpan<byte> s, string ascii)
    {
        if (s.Length != ascii.Length)
        {
            return false;
        }

        for (var i = 0; i < s.Length; i++)
        {
            if (ToLower(s[i]) != ToLower(ascii[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static int ToLower(int c) => c is >= 'A' and <= 'Z' ? c | 0x20 : c;
}
