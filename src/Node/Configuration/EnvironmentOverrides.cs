namespace ClusterSip.Node.Configuration;

/// <summary>
/// Environment variables that set configuration keys: CLUSTER_SIP__MANAGEMENT__PORT sets
/// cluster-sip.management.port and AKKA__REMOTE__DOT_NETTY__TCP__PORT sets akka.remote.dot-netty.tcp.port
/// ("__" separates path segments, "_" stands for "-", case does not matter).
/// </summary>
public static class EnvironmentOverrides
{
    private static readonly string[] Prefixes = ["CLUSTER_SIP__", "AKKA__"];

    public static IEnumerable<ConfigLayer> Layers(IReadOnlyDictionary<string, string> environment) =>
        environment
            .Where(e => Prefixes.Any(p => e.Key.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => KeyValueOverride.Layer(KeyOf(e.Key), e.Value, $"environment variable {e.Key}"));

    public static string KeyOf(string variable) =>
        string.Join('.', variable.Split("__").Select(segment => segment.ToLowerInvariant().Replace('_', '-')));
}
