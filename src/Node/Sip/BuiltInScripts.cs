using ClusterSip.Dialogs;
using ClusterSip.Registrar.Routing;

namespace ClusterSip.Node.Sip;

/// <summary>The example route scripts an operator names in cluster-sip.routing.script (docs/event-routing.md), besides classes.</summary>
public static class BuiltInScripts
{
    public static bool IsBuiltIn(string name) => name is PushWakeupRouteScript.Name or DtmfGuardRouteScript.Name;
}
