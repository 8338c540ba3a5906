using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ClusterSip.Sip;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Registrar.Auth;

/// <summary>
/// Digest authentication of SIP requests (RFC 3261 22.4, RFC 2617 with qop=auth, RFC 8760 MD5 and SHA-256):
/// challenges with a nonce per algorithm, and the check of the credentials a request carries.
/// Safe to call from several threads at once.
/// </summary>
public sealed class DigestAuthenticator
{
    private const string Qop = "auth";

    private readonly DigestAuthSettings _settings;
    private readonly NonceIssuer _nonces;
    private readonly NonceCounts _counts = new();

    public DigestAuthenticator(DigestAuthSettings settings)
    {
        _settings = settings;
        Credentials = new CredentialStore(settings.Users);
        _nonces = new NonceIssuer(settings.Secret, settings.NonceExpires);
    }

    /// <summary>Whom it authenticates: the configured subscribers and, when a credentials table is read, its rows.</summary>
    public CredentialStore Credentials { get; }

    /// <summary>The configured realm, else the request's domain: the To host of a REGISTER, the From host otherwise (Kamailio's $td, $fd).</summary>
    public string RealmFor(SipRequest request)
    {
        if (_settings.Realm is { } realm)
        {
            return realm;
        }

        var address = request.Method == SipMethods.Register ? request.To : request.From;
        return (address?.Uri as SipUri ?? request.RequestUri as SipUri)?.Host ?? "";
    }

    public AuthOutcome Verify(SipRequest request, AuthScope scope, DateTimeOffset now)
    {
        var realm = RealmFor(request);
        var all = scope == AuthScope.Www ? request.Authorizations : request.ProxyAuthorizations;
        var credentials = all.FirstOrDefault(c => c.IsDigest && string.Equals(c.Realm, realm, StringComparison.Ordinal));
        if (credentials is null)
        {
            return AuthOutcome.Fail(AuthVerdict.Challenge, all.Count == 0 ? "no credentials" : $"no digest credentials for realm {realm}");
        }

        if (credentials.Username is not { Length: > 0 } user || credentials.Nonce is not { } nonce || credentials.DigestUri is not { } uri
            || credentials.Response is not { } response || credentials.Cnonce is not { } cnonce || credentials.NonceCount is not { } nc)
        {
            return AuthOutcome.Fail(AuthVerdict.Malformed, "credentials lack username, nonce, uri, response, cnonce or nc");
        }

        if (!string.Equals(credentials.Qop, Qop, StringComparison.OrdinalIgnoreCase))
        {
            return AuthOutcome.Fail(AuthVerdict.Malformed, "qop must be auth");
        }

        if (nc.Length != 8 || !uint.TryParse(nc, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var count))
        {
            return AuthOutcome.Fail(AuthVerdict.Malformed, "nc must be 8 hex digits");
        }

        // RFC 2617 3.2.2.5: the digest-uri must name the same resource as the Request-URI.
        if (!AnyUri.TryParse(uri, out var digestUri) || !request.RequestUri.Equals(digestUri))
        {
            return AuthOutcome.Fail(AuthVerdict.Malformed, "digest uri differs from the Request-URI");
        }

        if (DigestAlgorithm.FromParameter(credentials.Algorithm) is not { } algorithm || !_settings.Algorithms.Contains(algorithm))
        {
            return AuthOutcome.Fail(AuthVerdict.Challenge, $"algorithm {credentials.Algorithm ?? "MD5"} not offered");
        }

        var nonceState = _nonces.Check(nonce, now, out var nonceExpires);
        if (nonceState == NonceState.Invalid)
        {
            return AuthOutcome.Fail(AuthVerdict.Challenge, "nonce not issued with this secret");
        }

        var ha1 = Credentials.Find(user, realm)?.Ha1For(algorithm);
        if (ha1 is null)
        {
            return AuthOutcome.Fail(AuthVerdict.Forbidden, $"no {algorithm} credential for {user}@{realm}");
        }

        var expected = DigestComputation.Response(algorithm, ha1, nonce, nc, cnonce, Qop, request.Method, uri);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(response.ToLowerInvariant())))
        {
            return AuthOutcome.Fail(AuthVerdict.Forbidden, $"wrong digest response for {user}@{realm}");
        }

        switch (nonceState)
        {
            case NonceState.Stale:
                return AuthOutcome.Fail(AuthVerdict.Stale, "nonce expired");
            case NonceState.Foreign:
                return AuthOutcome.Fail(AuthVerdict.Stale, "nonce issued by another node, whose nonce-counts this node does not know");
        }

        return _counts.TryUse(nonce, count, nonceExpires, now)
            ? AuthOutcome.Success(user)
            : AuthOutcome.Fail(AuthVerdict.Forbidden, $"nonce-count {nc} replayed");
    }

    /// <summary>The challenge header values, one per configured algorithm in its order.</summary>
    public IReadOnlyList<string> Challenges(string realm, bool stale, DateTimeOffset now) =>
        _settings.Algorithms
            .Select(a => $"Digest realm={SipParameters.Quote(realm)}, nonce=\"{_nonces.Create(now)}\", qop=\"{Qop}\", algorithm={a.Name}"
                         + (stale ? ", stale=true" : ""))
            .ToList();

    /// <summary>The answer to a request that did not authenticate: 401/407 with challenges, 403 or 400.</summary>
    public SipResponse Reject(SipRequest request, AuthOutcome outcome, AuthScope scope, DateTimeOffset now)
    {
        switch (outcome.Verdict)
        {
            case AuthVerdict.Challenge or AuthVerdict.Stale:
                var response = SipResponse.CreateFor(request, scope == AuthScope.Www ? 401 : 407);
                var name = scope == AuthScope.Www ? HeaderNames.WwwAuthenticate : HeaderNames.ProxyAuthenticate;
                foreach (var challenge in Challenges(RealmFor(request), outcome.Verdict == AuthVerdict.Stale, now))
                {
                    response.Headers.Add(name, challenge);
                }

                return response;
            case AuthVerdict.Malformed:
                return SipResponse.CreateFor(request, 400, "Bad Credentials (" + outcome.Reason + ")");
            case AuthVerdict.Forbidden:
                return SipResponse.CreateFor(request, 403);
            default:
                throw new ArgumentException("an authenticated request is not rejected", nameof(outcome));
        }
    }
}
