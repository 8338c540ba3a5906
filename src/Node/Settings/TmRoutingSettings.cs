using ClusterSip.Node.Configuration;
using ClusterSip.Sip.Stack.Routing;
using ClusterSip.Sip.Stack.Transactions;

namespace ClusterSip.Node.Settings;

/// <summary>cluster-sip.tm and cluster-sip.routing, read by the transaction layer's own settings records.</summary>
public sealed record TmRoutingSettings(TmSettings Tm, RoutingSettings Routing)
{
    public static TmRoutingSettings Read(SettingsReader reader)
    {
        var routing = reader.Section(RoutingSettings.SectionPath, RoutingSettings.FromConfig);
        // The script class is resolved now so that a wrong name stops the node at start.
        reader.Section(RoutingSettings.SectionPath, _ => RouteScripts.Create(routing));
        var tm = reader.Section(TmSettings.SectionPath, TmSettings.FromConfig);
        // tw_append is parsed by the routing layer: parsed now too, so that a malformed one stops the node at start.
        reader.Section(TmSettings.SectionPath, _ => TwAppendSpec.Parse(tm.TwAppend, TmSettings.SectionPath + ".tw_append"));
        return new TmRoutingSettings(tm, routing);
    }
}
