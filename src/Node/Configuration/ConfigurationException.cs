namespace ClusterSip.Node.Configuration;

/// <summary>A configuration the node refuses to start with; the message names the key and where it was set.</summary>
/// <param name="Key">The key at fault, when one key is (not for a file that does not parse, say).</param>
public sealed class ConfigurationException(string message, string? key = null) : Exception(message)
{
    public string? Key { get; } = key;
}
