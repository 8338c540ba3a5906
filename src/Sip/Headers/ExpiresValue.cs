using ClusterSip.Sip.Parsing;

namespace ClusterSip.Sip.Headers;

/// <summary>delta-seconds interpretation shared by the Expires header and the expires parameters.</summary>
internal static class ExpiresValue
{
    /// <summary>RFC 3261 20.19: malformed values SHOULD be treated as equivalent to 3600.</summary>
    public const int Malformed = 3600;

    public static int? From(string? value, bool present)
    {
        if (!present)
        {
            return null;
        }

        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed) || !trimmed.All(char.IsAsciiDigit))
        {
            return Malformed;
        }

        // Over 2**32-1 the value is malformed (RFC 4475 3.1.2.4); within 32 bits it is clamped to int.
        if (trimmed.TrimStart('0').Length > 10 || !ulong.TryParse(trimmed, out var v) || v > uint.MaxValue)
        {
            return Malformed;
        }

        return v > int.MaxValue ? int.MaxValue : (int)v;
    }

    public static int? From(ReadOnlySpan<byte> value) => From(Lex.Ascii(value), true);
}
