using ClusterSip.Dialogs;
using ClusterSip.Node.Configuration;

namespace ClusterSip.Node.Settings;

/// <summary>Every setting of a node, read once at start from the merged configuration.</summary>
/// <param name="DataDir">Absolute path of cluster-sip.data-dir.</param>
public sealed record NodeSettings(
    string DataDir,
    ClusterSettings Cluster,
    ManagementSettings Management,
    SipSettings Sip,
    TmRoutingSettings Tm,
    DialogSettings Dialogs,
    InteractionProxySettings InteractionProxy,
    PersistenceSettings Persistence,
    LoggingSettings Logging)
{
    public static NodeSettings Read(SettingsReader reader)
    {
        var dataDir = Path.GetFullPath(reader.NonEmptyString("cluster-sip.data-dir"));
        return new NodeSettings(
            dataDir,
            ClusterSettings.Read(reader),
            ManagementSettings.Read(reader),
            SipSettings.Read(reader),
            TmRoutingSettings.Read(reader),
            DialogSettingsReader.Read(reader),
            InteractionProxySettings.Read(reader),
            PersistenceSettings.Read(reader, dataDir),
            LoggingSettings.Read(reader));
    }
}
