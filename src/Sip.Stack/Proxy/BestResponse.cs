namespace ClusterSip.Sip.Stack.Proxy;

/// <summary>
/// Choice of the final response to send upstream when every branch has ended (RFC 3261 16.7 step 6): a 6xx first,
/// else the lowest response class; within a class the responses that let the caller act (401/407 challenges, 415, 420,
/// 484) first, a timeout (408) or a locally generated response last, then the lowest code.
/// </summary>
internal static class BestResponse
{
    public static ProxyBranch? Select(IEnumerable<ProxyBranch> branches)
    {
        ProxyBranch? best = null;
        foreach (var branch in branches)
        {
            if (branch.Replica || branch.Final is null || branch.Final.StatusCode < 300)
            {
                continue;
            }

            if (best is null || Rank(branch) < Rank(best))
            {
                best = branch;
            }
        }

        return best;
    }

    private static int Rank(ProxyBranch branch)
    {
        var code = branch.Final!.StatusCode;
        var cls = code >= 600 ? 0 : code / 100;
        var within = code switch
        {
            401 or 407 or 415 or 420 or 484 => 0,
            408 => 2,
            _ => branch.FinalIsLocal ? 2 : 1,
        };
        return (cls * 10_000) + (within * 1_000) + code;
    }
}
