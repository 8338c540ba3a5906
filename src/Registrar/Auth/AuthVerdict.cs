namespace ClusterSip.Registrar.Auth;

public enum AuthVerdict
{
    /// <summary>The credentials are right: the request may go on as <see cref="AuthOutcome.User"/>.</summary>
    Authenticated,

    /// <summary>No usable credentials (none for this realm, an unknown algorithm, a nonce not ours): challenge (401/407).</summary>
    Challenge,

    /// <summary>Right credentials on a nonce past nonce-expires: challenge again with stale=true.</summary>
    Stale,

    /// <summary>Credentials that break the syntax rules (a missing field, qop other than auth, a uri unlike the Request-URI): 400.</summary>
    Malformed,

    /// <summary>Wrong credentials: an unknown user, a wrong response, a replayed nonce-count: 403.</summary>
    Forbidden,
}
