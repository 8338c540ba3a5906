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
        Mix(ref hash, request.From?.Tag);
        Mix(ref hash, request.To?.Tag);
        Mix(ref hash, request.CSeq?.Number.ToString(CultureInfo.InvariantCulture));
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

    public static string Create(string loopHash, string unique) => string.Concat(ViaHeader.MagicCookie, loopHash, ".", unique);

    /// <summary>16.3 step 4: a Via of ours whose branch carries the same hash means the request looped (not spiralled).</summary>
    public static bool IsLooped(SipRequest request, string loopHash, ISipTransport transport)
    {
        var prefix = ViaHeader.MagicCookie + loopHash + ".";
        foreach (var via in request.Vias)
        {
            if (via.Branch is { } branch && branch.StartsWith(prefix, StringComparison.Ordinal) && LocalAddresses.IsLocal(transport, via.Host, via.Port))
            {
                return true;
            }
        }

        return false;
    }

    private static void Mix(ref ulong hash, string? value)
    {
        foreach (var c in value ?? string.Empty)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        hash = (hash ^ 0xff) * 1099511628211UL;
    }
}
