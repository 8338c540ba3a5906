namespace ClusterSip.Registrar.Auth;

/// <summary>
/// One subscriber's secret: the password, or an ha1 (the hex hash of user:realm:password, whose length says the
/// algorithm: 32 digits MD5, 64 SHA-256). Domain is the realm it authenticates in.
/// </summary>
public sealed record UserCredential(string User, string Domain, string? Password, string? Ha1)
{
    /// <summary>The ha1 for that algorithm; null when only an ha1 of another algorithm is known.</summary>
    public string? Ha1For(DigestAlgorithm algorithm) =>
        Password is not null ? DigestComputation.Ha1(algorithm, User, Domain, Password)
        : Ha1 is not null && Ha1.Length == algorithm.HexLength ? Ha1.ToLowerInvariant()
        : null;
}
