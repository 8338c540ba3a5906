using ClusterSip.Node.Registrar;
using ClusterSip.Node.Callstore;
using ClusterSip.Node.Sip;

namespace ClusterSip.Node.Hosting;

/// <summary>The features the node executable starts, in order: the callstore before the SIP stack, whose dialogs send it their events.</summary>
public static class NodeFeatures
{
    public static IReadOnlyList<INodeFeature> All { get; } = [new CallstoreFeature(), new RegistrarFeature(), new SipFeature(CallEventSink.Of)];
}
