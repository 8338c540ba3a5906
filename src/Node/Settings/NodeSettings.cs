using ClusterSip.Dialogs;
using ClusterSip.Callstore.Configuration;
using ClusterSip.Node.Configuration;
using ClusterSip.Registrar.Push;
using ClusterSip.Sip.Stack.Routing;
using ClusterSip.Sip.Stack.Transactions;

namespace ClusterSip.Node.Settings;

/// <summary>Every setting of a node, read once at start from the merged configuration.</summary>
/// <param name="DataDir">Absolute path of cluster-sip.data-dir.</param>
public sealed record NodeSettings(
    string DataDir,
    ClusterSettings Cluster,
    ManagementSettings Management,
    SipSettings Sip,
    TmSettings Tm,
    RoutingSettings Routing,
    DialogSettings Dialogs,
    InteractionProxySettings InteractionProxy,
    PresenceSettings Presence,
    PersistenceSettings Persistence,
    LoggingSettings Logging,
    RegistrarSettings Registrar,
    PushSettings Push,
    DtmfGuardSettings DtmfGuard,
    CallstoreOptions Callstore)
{
    public static NodeSettings Read(SettingsReader reader)
    {
        var dataDir = Path.GetFullPath(reader.NonEmptyString("cluster-sip.data-dir"));
        var sip = SipSettings.Read(reader);
        var routing = RoutingSection.Read(reader);
        var registrar = RegistrarSettings.Read(reader);
        var dialogs = DialogSettingsReader.Read(reader);
        return new NodeSettings(
            dataDir,
            ClusterSettings.Read(reader),
            ManagementSettings.Read(reader),
            sip,
            TmSection.Read(reader),
            routing,
            dialogs,
            InteractionProxySettings.Read(reader),
            PresenceSettings.Read(reader, sip),
            PersistenceSettings.Read(reader, dataDir),
            LoggingSettings.Read(reader),
            registrar,
            PushSection.Read(reader, routing, registrar),
            DtmfGuardSection.Read(reader, routing, dialogs),
            CallstoreSettings.Read(reader));
    }
}
