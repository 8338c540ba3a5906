namespace ClusterSip.Node.Configuration;

/// <summary>A configuration the node refuses to start with; the message names the key and where it was set.</summary>
public sealed class ConfigurationException(string message) : Exception(message);
