using System.Text;
using ClusterSip.Sip.Parsing;

namespace ClusterSip.Sip.Uris;

/// <summary>The <c>escaped = "%" HEXDIG HEXDIG</c> mechanism of RFC 3261 25.1.</summary>
internal static class UriEscaping
{
    private const string Reserved = ";/?:@&=+$,";
    private const string HexDigits = "0123456789ABCDEF";

    public static string Unescape(ReadOnlySpan<byte> s)
    {
        if (s.IndexOf((byte)'%') < 0)
        {
            return Encoding.UTF8.GetString(s);
        }

        var buffer = new byte[s.Length];
        var n = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '%' && i + 2 < s.Length && CharClass.HexValue(s[i + 1]) >= 0 && CharClass.HexValue(s[i + 2]) >= 0)
            {
                buffer[n++] = (byte)((CharClass.HexValue(s[i + 1]) << 4) | CharClass.HexValue(s[i + 2]));
                i += 2;
            }
            else
            {
                buffer[n++] = s[i];
            }
        }

        return Encoding.UTF8.GetString(buffer, 0, n);
    }

    public static string Unescape(string s) => s.Contains('%') ? Unescape(Encoding.UTF8.GetBytes(s)) : s;

    /// <summary>Escapes every byte of the UTF-8 form of <paramref name="value"/> outside <paramref name="allowed"/>.</summary>
    public static string Escape(string value, ushort allowed)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var sb = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (b < 0x80 && CharClass.Is(b, allowed))
            {
                sb.Append((char)b);
            }
            else
            {
                AppendEscape(sb, b);
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// A form in which two spellings compare equal exactly when RFC 3261 19.1.4 says they are equivalent:
    /// characters outside the reserved set are equivalent to their escapes, reserved ones are not.
    /// </summary>
    public static string Canonical(string raw)
    {
        if (!raw.Contains('%'))
        {
            return raw;
        }

        var sb = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '%' && i + 2 < raw.Length && Hex(raw[i + 1]) >= 0 && Hex(raw[i + 2]) >= 0)
            {
                var b = (byte)((Hex(raw[i + 1]) << 4) | Hex(raw[i + 2]));
                i += 2;
                if (b is > 0x20 and < 0x7F && b != '%' && !Reserved.Contains((char)b))
                {
                    sb.Append((char)b);
                }
                else
                {
                    AppendEscape(sb, b);
                }
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static int Hex(char c) => c < 0x80 ? CharClass.HexValue((byte)c) : -1;

    private static void AppendEscape(StringBuilder sb, byte b) => sb.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
}
