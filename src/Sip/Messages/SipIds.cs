using System.Security.Cryptography;

namespace ClusterSip.Sip.Messages;

/// <summary>Random identifiers: branch (RFC 3261 8.1.1.7), tags (19.3) and Call-IDs (8.1.1.4).</summary>
public static class SipIds
{
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

    /// <summary>A branch starting with the magic cookie <c>z9hG4bK</c> followed by 96 random bits.</summary>
    public static string NewBranch() => string.Create(7 + 20, 0, static (span, _) =>
    {
        "z9hG4bK".AsSpan().CopyTo(span);
        Fill(span[7..]);
    });

    /// <summary>A tag with more than the 32 bits of randomness RFC 3261 19.3 requires.</summary>
    public static string NewTag() => string.Create(12, 0, static (span, _) => Fill(span));

    /// <summary>A globally unique Call-ID, optionally qualified with <c>@host</c>.</summary>
    public static string NewCallId(string? host = null)
    {
        var id = string.Create(24, 0, static (span, _) => Fill(span));
        return host is null ? id : id + "@" + host;
    }

    private static void Fill(Span<char> destination)
    {
        Span<byte> random = stackalloc byte[destination.Length];
        RandomNumberGenerator.Fill(random);
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = Alphabet[random[i] % Alphabet.Length];
        }
    }
}
