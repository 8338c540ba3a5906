using Akka.Configuration;
using ClusterSip.Node.Settings;

namespace ClusterSip.Node.Configuration;

/// <summary>A validated configuration: the merged HOCON and the typed settings read from it.</summary>
/// <param name="Merged">All layers merged; later features read their sections from here into their own settings records.</param>
public sealed record NodeConfiguration(Config Merged, NodeSettings Settings);
