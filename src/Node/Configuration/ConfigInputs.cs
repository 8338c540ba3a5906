namespace ClusterSip.Node.Configuration;

/// <summary>Everything a node's configuration is built from, lowest precedence first.</summary>
/// <param name="DefaultsFile">hocon/node.conf: every default and the list of accepted keys.</param>
/// <param name="ConfigFiles">--config files, in the order given.</param>
/// <param name="Environment">The process environment; only CLUSTER_SIP__* and AKKA__* variables are read.</param>
/// <param name="Sets">--set KEY=VALUE arguments, in the order given.</param>
public sealed record ConfigInputs(
    string DefaultsFile,
    IReadOnlyList<string> ConfigFiles,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<string> Sets)
{
    /// <summary>hocon/node.conf as shipped next to the executable.</summary>
    public static string ShippedDefaultsFile => Path.Combine(AppContext.BaseDirectory, "hocon", "node.conf");

    public static IReadOnlyDictionary<string, string> ProcessEnvironment() =>
        System.Environment.GetEnvironmentVariables()
            .Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "");
}
