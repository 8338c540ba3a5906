namespace ClusterSip.Node.Hosting;

/// <summary>
/// The features the node executable starts, in order. The SIP transports (bound to
/// NodeSettings.Sip.Listen) and the Interaction Proxy server join this list as they are written.
/// </summary>
public static class NodeFeatures
{
    public static IReadOnlyList<INodeFeature> All { get; } = [];
}
