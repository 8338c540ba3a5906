using Akka.Configuration;

namespace ClusterSip.Node.Configuration;

/// <summary>One source of configuration and its parsed content, named as an operator would recognise it.</summary>
/// <param name="Origin">A file path, "--set KEY=VALUE" or "environment variable NAME".</param>
public sealed record ConfigLayer(string Origin, Config Config);
