using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ClusterSip.Registrar.Auth;

/// <summary>
/// Nonces that carry their issue time and an HMAC of it under the shared secret, so any node holding the secret
/// can check one without shared state: base64url of 8 bytes issue time (Unix ms), 8 random bytes, 16 bytes HMAC-SHA256.
/// </summary>
public sealed class NonceIssuer
{
    private const int StampLength = 16;
    private const int MacLength = 16;

    // A nonce stamped later than now by more than this came from a clock too far ahead (or was forged).
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(5);

    private readonly byte[] _secret;
    private readonly TimeSpan _lifetime;

    public NonceIssuer(string secret, TimeSpan lifetime)
    {
        _secret = Encoding.UTF8.GetBytes(secret);
        _lifetime = lifetime;
    }

    public string Create(DateTimeOffset now)
    {
        Span<byte> nonce = stackalloc byte[StampLength + MacLength];
        BinaryPrimitives.WriteInt64BigEndian(nonce, now.ToUnixTimeMilliseconds());
        RandomNumberGenerator.Fill(nonce[8..StampLength]);
        Mac(nonce[..StampLength], nonce[StampLength..]);
        return Base64Url.EncodeToString(nonce);
    }

    /// <summary>Whether the nonce is one of ours and still fresh; <paramref name="expiresAt"/> is when it goes stale.</summary>
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
        return now <= expiresAt ? NonceState.Valid : NonceState.Stale;
    }

    private void Mac(ReadOnlySpan<byte> stamp, Span<byte> destination)
    {
        Span<byte> full = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_secret, stamp, full);
        full[..MacLength].CopyTo(destination);
    }
}
