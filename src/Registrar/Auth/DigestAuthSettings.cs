namespace ClusterSip.Registrar.Auth;

/// <summary>cluster-sip.auth: digest authentication of requests the route challenges.</summary>
/// <param name="Realm">The realm of challenges; null = the domain of the request (the To host of a REGISTER, the From host otherwise).</param>
/// <param name="NonceExpires">How long a nonce is accepted; older ones get 401 with stale=true.</param>
/// <param name="Secret">Key of the nonces' HMAC; nodes sharing it recognise each other's nonces and answer them stale.</param>
/// <param name="Algorithms">What a challenge offers, in order (RFC 8760 2.4: most preferred first); credentials of another algorithm are challenged.</param>
public sealed record DigestAuthSettings(
    bool Enabled,
    string? Realm,
    IReadOnlyList<UserCredential> Users,
    TimeSpan NonceExpires,
    string Secret,
    IReadOnlyList<DigestAlgorithm> Algorithms);
