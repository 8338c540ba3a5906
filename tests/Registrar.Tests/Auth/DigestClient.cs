using ClusterSip.Registrar.Auth;
using ClusterSip.Sip.Headers;

namespace ClusterSip.Registrar.Tests.Auth;

/// <summary>A UA's side of digest: answers a challenge header value with credentials, as SIPp's [authentication] does.</summary>
public static class DigestClient
{
    public static string Answer(string challenge, string method, string uri, string user, string password, string nc = "00000001",
        string cnonce = "0a4f113b", string? realmOverride = null, string? qop = "auth")
    {
        var parsed = AuthHeader.Parse(challenge);
        var algorithm = DigestAlgorithm.FromParameter(parsed.Algorithm)!;
        var realm = realmOverride ?? parsed.Realm!;
        var ha1 = DigestComputation.Ha1(algorithm, user, realm, password);
        var response = DigestComputation.Response(algorithm, ha1, parsed.Nonce!, nc, cnonce, qop ?? "auth", method, uri);
        var qopPart = qop is null ? "" : $", qop={qop}, nc={nc}, cnonce=\"{cnonce}\"";
        return $"Digest username=\"{user}\", realm=\"{realm}\", nonce=\"{parsed.Nonce}\", uri=\"{uri}\", response=\"{response}\", algorithm={algorithm.Name}{qopPart}";
    }
}
