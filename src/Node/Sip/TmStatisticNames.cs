using ClusterSip.Sip.Stack.Statistics;

namespace ClusterSip.Node.Sip;

/// <summary>The tm statistics under the module's own names (SER/Kamailio `tm`), as the management API shows them.</summary>
public static class TmStatisticNames
{
    public static IReadOnlyDictionary<string, long> Of(TmStatisticsSnapshot s) => new Dictionary<string, long>
    {
        ["received_replies"] = s.ReceivedReplies,
        ["relayed_replies"] = s.RelayedReplies,
        ["local_replies"] = s.LocalReplies,
        ["UAS_transactions"] = s.UasTransactions,
        ["UAC_transactions"] = s.UacTransactions,
        ["2xx_transactions"] = s.Transactions2xx,
        ["3xx_transactions"] = s.Transactions3xx,
        ["4xx_transactions"] = s.Transactions4xx,
        ["5xx_transactions"] = s.Transactions5xx,
        ["6xx_transactions"] = s.Transactions6xx,
        ["inuse_transactions"] = s.InUseTransactions,
        ["overload_replies"] = s.OverloadReplies,
    };
}
