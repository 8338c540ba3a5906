using ClusterSip.Node.Callstore;
using ClusterSip.Node.InteractionProxy;
using ClusterSip.Node.Registrar;
using ClusterSip.Node.Sip;

namespace ClusterSip.Node.Hosting;

/// <summary>
/// The features the node executable starts, in order: the callstore first, since the SIP stack's dialogs send it their
/// events and the Interaction Proxy follows what it accepted.
/// </summary>
public static class NodeFeatures
{
    public static IReadOnlyList<INodeFeature> All { get; } =
    [
        new CallstoreFeature(),
        new RegistrarFeature(),
        new SipFeature(CallstoreLinks.EventSink),
        new InteractionProxyFeature(CallstoreLinks.Groups),
    ];
}
