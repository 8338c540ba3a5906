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
        return new TmRoutingSettings(reader.Section(TmSettings.SectionPath, TmSettings.FromConfig), routing);
    }
}
