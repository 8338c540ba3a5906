namespace ClusterSip.Registrar.Auth;

/// <summary>The digest values of RFC 2617 3.2.2 (qop=auth) with the hash of RFC 8760.</summary>
public static class DigestComputation
{
    public static string Ha1(DigestAlgorithm algorithm, string user, string realm, string password) =>
        algorithm.Hash($"{user}:{realm}:{password}");

    public static string Response(DigestAlgorithm algorithm, string ha1, string nonce, string nonceCount, string cnonce, string qop, string method, string uri)
    {
        var ha2 = algorithm.Hash($"{method}:{uri}");
        return algorithm.Hash($"{ha1}:{nonce}:{nonceCount}:{cnonce}:{qop}:{ha2}");
    }
}
