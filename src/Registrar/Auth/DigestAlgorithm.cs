using System.Security.Cryptography;
using System.Text;

namespace ClusterSip.Registrar.Auth;

/// <summary>A digest hash function by the name the algorithm parameter gives it (RFC 8760: MD5 and SHA-256).</summary>
public sealed class DigestAlgorithm
{
    public static readonly DigestAlgorithm Md5 = new("MD5", MD5.HashData, 32);

    public static readonly DigestAlgorithm Sha256 = new("SHA-256", SHA256.HashData, 64);

    private readonly Func<byte[], byte[]> _hash;

    private DigestAlgorithm(string name, Func<byte[], byte[]> hash, int hexLength)
    {
        Name = name;
        _hash = hash;
        HexLength = hexLength;
    }

    public string Name { get; }

    /// <summary>Length of a hash in lower-case hex: how an ha1 of this algorithm is recognised.</summary>
    public int HexLength { get; }

    /// <summary>The algorithm a credentials' algorithm parameter names; absent means MD5 (RFC 2617 3.2.1). Null when unsupported.</summary>
    public static DigestAlgorithm? FromParameter(string? name) =>
        name is null || name.Equals(Md5.Name, StringComparison.OrdinalIgnoreCase) ? Md5
        : name.Equals(Sha256.Name, StringComparison.OrdinalIgnoreCase) ? Sha256
        : null;

    public string Hash(string text) => Convert.ToHexStringLower(_hash(Encoding.UTF8.GetBytes(text)));

    public override string ToString() => Name;
}
