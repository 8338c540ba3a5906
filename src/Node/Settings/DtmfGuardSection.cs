using ClusterSip.Dialogs;
using ClusterSip.Node.Configuration;
using ClusterSip.Sip.Stack.Routing;

namespace ClusterSip.Node.Settings;

/// <summary>cluster-sip.dtmf-guard: the DTMF-driven example script's settings; that script needs dialogs on.</summary>
public static class DtmfGuardSection
{
    private const string Section = "cluster-sip.dtmf-guard";

    public static DtmfGuardSettings Read(SettingsReader reader, RoutingSettings routing, DialogSettings dialogs)
    {
        if (routing.Script == DtmfGuardRouteScript.Name && !dialogs.Enabled)
            throw reader.Invalid("cluster-sip.routing.script", $"\"{DtmfGuardRouteScript.Name}\" hangs up dialogs: set cluster-sip.dialogs.enabled = on");

        var digit = reader.String($"{Section}.digit").ToUpperInvariant();
        if (digit.Length != 1 || !"0123456789*#ABCD".Contains(digit[0]))
            throw reader.Invalid($"{Section}.digit", "expected one DTMF digit: 0-9, *, #, A-D");

        return new DtmfGuardSettings(digit, reader.Duration($"{Section}.timeout"));
    }
}
