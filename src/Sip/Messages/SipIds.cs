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

    // Cryptographically random bytes fetched 4 KB at a time per thread: one getrandom call per ~200 identifiers
    // instead of one per identifier (a reply's To tag is made on the receive thread).
    [ThreadStatic] private static byte[]? _pool;
    [ThreadStatic] private static int _used;

    private static void Fill(Span<char> destination)
    {
        var random = Take(destination.Length);
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = Alphabet[random[i] % Alphabet.Length];
        }
    }

    private static ReadOnlySpan<byte> Take(int count)
    {
        var pool = _pool;
        if (pool is null || _used + count > pool.Length)
        {
            pool = _pool ??= new byte[4096];
            RandomNumberGenerator.Fill(pool);
            _used = 0;
        }

        var taken = pool.AsSpan(_used, count);
        _used += count;
        return taken;
    }
}
