using Akka.Configuration;
using ClusterSip.Node.Settings;

namespace ClusterSip.Node.Configuration;

/// <summary>
/// Builds a node's configuration: node.conf, then --config files, environment variables and --set
/// arguments, each checked against node.conf's keys before they are merged, then read into typed
/// settings. Any problem is a <see cref="ConfigurationException"/>: the node never starts half-configured.
/// </summary>
public static class ConfigLoader
{
    public static NodeConfiguration Load(ConfigInputs inputs)
    {
        var defaults = ReadFile(inputs.DefaultsFile);
        var schema = KeySchema.FromDefaults(defaults);

        var overrides = inputs.ConfigFiles.Select(ReadFile)
            .Concat(EnvironmentOverrides.Layers(inputs.Environment))
            .Concat(inputs.Sets.Select(KeyValueOverride.FromSet))
            .ToList();
        foreach (var layer in overrides.Prepend(defaults)) schema.Check(layer);

        var merged = overrides.Aggregate(defaults.Config, (lower, layer) => layer.Config.WithFallback(lower));
        var origins = new Dictionary<string, string>();
        foreach (var layer in overrides)
        foreach (var leaf in HoconTree.Leaves(layer.Config))
            origins[leaf.Path] = layer.Origin;

        var settings = NodeSettings.Read(new SettingsReader(merged, origins));
        return new NodeConfiguration(merged, settings);
    }

    private static ConfigLayer ReadFile(string path)
    {
        if (!File.Exists(path))
            throw new ConfigurationException($"configuration file not found: {path} (looked at {Path.GetFullPath(path)})");
        return new ConfigLayer(path, HoconSyntax.Parse(File.ReadAllText(path), path));
    }
}
