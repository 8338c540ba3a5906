using ClusterSip.Dialogs;

namespace ClusterSip.Node.Sip;

/// <summary>The dialog statistics under Kamailio's dialog module names, as the management API shows them.</summary>
public static class DialogStatisticNames
{
    public static IReadOnlyDictionary<string, long> Of(DialogStatisticsSnapshot s) => new Dictionary<string, long>
    {
        ["active_dialogs"] = s.ActiveDialogs,
        ["early_dialogs"] = s.EarlyDialogs,
        ["processed_dialogs"] = s.ProcessedDialogs,
        ["expired_dialogs"] = s.ExpiredDialogs,
        ["failed_dialogs"] = s.FailedDialogs,
    };
}
