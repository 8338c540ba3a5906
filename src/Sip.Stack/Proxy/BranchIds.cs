using System.Globalization;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Transport;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Sip.Stack.Proxy;

/// <summary>
/// Via branch values of forwarded requests: magic cookie, a hash of what routes the received request (RFC 3261 16.6
/// step 8, so a looped request is recognised, 16.3 step 4), a dot, then a part unique to the branch.
/// </summary>
public static class BranchIds
{
    /// <summary>FNV-1a over Request-URI, Call-ID, From tag, To tag, CSeq number, Route and Proxy-Require of the received request.</summary>
    /// <param name="receivedUri">The Request-URI as received, when a route script has rewritten it since (16.6 step 8: "before translation").</param>
    public static string LoopHash(SipRequest request, AnyUri? receivedUri = null)
    {
        var hash = 14695981039346656037UL;
        Mix(ref hash, (receivedUri ?? request.RequestUri).ToString());
        Mix(ref hash, request.CallId);
        Mix(ref hash, request.FromTag);
        Mix(ref hash, request.ToTag);
        Span<char> number = stackalloc char[20];
        var digits = 0;
        request.CSeq?.Number.TryFormat(number, out digits, provider: CultureInfo.InvariantCulture);
        Mix(ref hash, number[..digits]);
        foreach (var route in request.Headers.GetAll(HeaderNames.Route))
        {
            Mix(ref hash, route);
        }

        foreach (var value in request.Headers.GetAll(HeaderNames.ProxyRequire))
        {
            Mix(ref hash, value);
        }

        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }

    public static string Create(string loopHash, ReadOnlySpan<char> unique) => string.Concat(ViaHeader.MagicCookie, loopHash, ".", unique);

    /// <summary>16.3 step 4: a Via of ours whose branch carries the same hash means the request looped (not spiralled).</summary>
    public static bool IsLooped(SipRequest request, string loopHash, ISipTransport transport)
    {
        foreach (var via in request.Vias)
        {
            if (via.Branch is { } branch && HasHash(branch, loopHash) && LocalAddresses.IsLocal(transport, via.Host, via.Port))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="branch"/> is the magic cookie, <paramref name="loopHash"/> and a dot, then anything.</summary>
    private static bool HasHash(string branch, string loopHash)
    {
        var rest = branch.AsSpan();
        return rest.StartsWith(ViaHeader.MagicCookie, StringComparison.Ordinal)
            && rest[ViaHeader.MagicCookie.Length..].StartsWith(loopHash, StringComparison.Ordinal)
            && rest.Length > ViaHeader.MagicCookie.Length + loopHash.Length
            && rest[ViaHeader.MagicCookie.Length + loopHash.Length] == '.';
    }

    private static void Mix(ref ulong hash, ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        hash = (hash ^ 0xff) * 1099511628211UL;
    }
}
