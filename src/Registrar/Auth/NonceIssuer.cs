using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ClusterSip.Registrar.Auth;

/// <summary>
/// Nonces that carry their issue time, their issuer and an HMAC of both under the shared secret: base64url of 8 bytes
/// issue time (Unix ms), 4 bytes issuer (random per issuer instance, so per node run), 4 random bytes, 16 bytes HMAC-SHA256.
/// Only the issuer tracks a nonce's counts, so only the issuer accepts it: another node sharing the secret (or this node
/// after a restart, which lost its counts) knows the nonce is genuine but not which counts were used, and answers it
/// stale so the client retries at once with a nonce of its own (as Kamailio does with per-node secrets).
/// </summary>
public sealed class NonceIssuer
{
    private const int StampLength = 16;
    private const int MacLength = 16;

    // A nonce stamped later than now by more than this came from a clock too far ahead (or was forged).
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(5);

    private readonly byte[] _secret;
    private readonly TimeSpan _lifetime;
    private readonly int _issuer = RandomNumberGenerator.GetInt32(int.MinValue, int.MaxValue);

    public NonceIssuer(string secret, TimeSpan lifetime)
    {
        _secret = Encoding.UTF8.GetBytes(secret);
        _lifetime = lifetime;
    }

    public string Create(DateTimeOffset now)
    {
        Span<byte> nonce = stackalloc byte[StampLength + MacLength];
        BinaryPrimitives.WriteInt64BigEndian(nonce, now.ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteInt32BigEndian(nonce[8..], _issuer);
        RandomNumberGenerator.Fill(nonce[12..StampLength]);
        Mac(nonce[..StampLength], nonce[StampLength..]);
        return Base64Url.EncodeToString(nonce);
    }

    /// <summary>Whether the nonce is this issuer's and still fresh; <paramref name="expiresAt"/> is when it goes stale.</summary>
    public NonceState Check(string nonce, DateTimeOffset now, out DateTimeOffset expiresAt)
    {
        expiresAt = default;
        Span<byte> bytes = stackalloc byte[StampLength + MacLength];
        if (!Base64Url.IsValid(nonce, out var length) || length != bytes.Length || Base64Url.DecodeFromChars(nonce, bytes) != bytes.Length)
        {
            return NonceState.Invalid;
        }

        Span<byte> expected = stackalloc byte[MacLength];
        Mac(bytes[..StampLength], expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes[StampLength..]))
        {
            return NonceState.Invalid;
        }

        var issued = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(bytes));
        if (issued > now + ClockSkew)
        {
            return NonceState.Invalid;
        }

        expiresAt = issued + _lifetime;
        if (now > expiresAt)
        {
            return NonceState.Stale;
        }

        return BinaryPrimitives.ReadInt32BigEndian(bytes[8..]) == _issuer ? NonceState.Valid : NonceState.Foreign;
    }

    private void Mac(ReadOnlySpan<byte> stamp, Span<byte> destination)
    {
        Span<byte> full = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_secret, stamp, full);
        full[..MacLength].CopyTo(destination);
    }
}
