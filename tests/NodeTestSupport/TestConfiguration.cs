using ClusterSip.Node.Configuration;

namespace ClusterSip.Tests.Support;

/// <summary>Loads a node configuration as the executable does, from the shipped node.conf.</summary>
public static class TestConfiguration
{
    public static NodeConfiguration Load(params string[] sets) => Load([], new Dictionary<string, string>(), sets);

    public static NodeConfiguration Load(IReadOnlyList<string> files, IReadOnlyDictionary<string, string> environment, params string[] sets) =>
        ConfigLoader.Load(new ConfigInputs(ConfigInputs.ShippedDefaultsFile, files, environment, sets));

    /// <summary>The message a configuration that does not load fails with.</summary>
    public static string ErrorOf(Action load) => Xunit.Assert.Throws<ConfigurationException>(load).Message;
}
