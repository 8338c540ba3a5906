using ClusterSip.InteractionProxy;
using ClusterSip.Node.InteractionProxy;
using ClusterSip.Node.Sip;

namespace ClusterSip.Node.Hosting;

/// <summary>The features the node executable starts, in order.</summary>
public static class NodeFeatures
{
    public static IReadOnlyList<INodeFeature> All { get; } = [new SipFeature(), new InteractionProxyFeature(_ => new CallstoreGroups([]))];
}
