namespace ClusterSip.Sip.Parsing;

/// <summary>Character classes of the RFC 3261 section 25 grammar, as a lookup table over bytes.</summary>
internal static class CharClass
{
    public const ushort Token = 1;
    public const ushort User = 2;
    public const ushort Password = 4;
    public const ushort Param = 8;
    public const ushort UriHeader = 16;
    public const ushort Host = 32;
    public const ushort Digit = 64;
    public const ushort Hex = 128;
    public const ushort Scheme = 256;
    public const ushort Alpha = 512;

    private static readonly ushort[] Table = Build();

    public static bool Is(byte b, ushort cls) => (Table[b] & cls) != 0;

    public static bool IsToken(byte b) => (Table[b] & Token) != 0;

    public static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    public static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    public static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    private static ushort[] Build()
    {
        var t = new ushort[256];
        for (var c = 'a'; c <= 'z'; c++)
        {
            Mark(t, c, Alpha | Token | User | Password | Param | UriHeader | Host | Scheme);
        }

        for (var c = 'A'; c <= 'Z'; c++)
        {
            Mark(t, c, Alpha | Token | User | Password | Param | UriHeader | Host | Scheme);
        }

        for (var c = '0'; c <= '9'; c++)
        {
            Mark(t, c, Digit | Hex | Token | User | Password | Param | UriHeader | Host | Scheme);
        }

        for (var c = 'a'; c <= 'f'; c++)
        {
            Mark(t, c, Hex);
            Mark(t, char.ToUpperInvariant(c), Hex);
        }

        // token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
        MarkAll(t, "-.!%*_+`'~", Token);
        // mark = "-" / "_" / "." / "!" / "~" / "*" / "'" / "(" / ")"
        MarkAll(t, "-_.!~*'()", User | Password | Param | UriHeader);
        MarkAll(t, "&=+$,;?/", User);
        MarkAll(t, "&=+$,", Password);
        MarkAll(t, "[]/:&+$", Param);
        MarkAll(t, "[]/?:+$", UriHeader);
        MarkAll(t, "-._", Host);
        MarkAll(t, "+-.", Scheme);
        return t;
    }

    private static void Mark(ushort[] t, char c, ushort cls) => t[c] |= cls;

    private static void MarkAll(ushort[] t, string chars, ushort cls)
    {
        foreach (var c in chars)
        {
            t[c] |= cls;
        }
    }
}
