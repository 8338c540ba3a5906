using ClusterSip.Node.Callstore;
using ClusterSip.Node.Sip;

namespace ClusterSip.Node.Hosting;

/// <summary>The features the node executable starts, in order. The Interaction Proxy server joins this list when it is written.</summary>
public static class NodeFeatures
{
    public static IReadOnlyList<INodeFeature> All { get; } = [new CallstoreFeature(), new SipFeature()];
}
