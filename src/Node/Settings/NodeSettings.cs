using ClusterSip.Callstore.Configuration;
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
    InteractionProxySettings InteractionProxy,
    PersistenceSettings Persistence,
    LoggingSettings Logging,
    CallstoreOptions Callstore)
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
            InteractionProxySettings.Read(reader),
            PersistenceSettings.Read(reader, dataDir),
            LoggingSettings.Read(reader),
            CallstoreSettings.Read(reader));
    }
}
