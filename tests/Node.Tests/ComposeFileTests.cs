using System.Text.RegularExpressions;
using ClusterSip.Node.Configuration;
using ClusterSip.Node.Settings;
using ClusterSip.Node.Tests.Support;
using ClusterSip.Tests.Support;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace ClusterSip.Node.Tests;

/// <summary>
/// deploy/docker-compose.yml cannot run here (no Docker engine), so its nodes' settings are loaded
/// with the node's own configuration loader and checked against the ports and health check it declares.
/// </summary>
public sealed partial class ComposeFileTests
{
    private static readonly YamlMappingNode Services = LoadServices();

    public static TheoryData<string> Nodes => new(NodeServices().Select(s => s.Name));

    [Fact]
    public void Three_nodes_share_one_postgresql()
    {
        Assert.Equal(["node1", "node2", "node3"], NodeServices().Select(s => s.Name));
        var postgres = Map(Services, "postgres");
        Assert.NotNull(Map(postgres, "healthcheck"));
        foreach (var (_, service) in NodeServices())
            Assert.Equal("service_healthy", Scalar(Map(Map(service, "depends_on"), "postgres"), "condition"));
    }

    [Theory]
    [MemberData(nameof(Nodes))]
    public void Every_setting_a_node_is_given_is_a_known_key_with_a_valid_value(string name)
    {
        var service = Map(Services, name);
        var environment = Environment(service);

        Assert.All(environment.Keys, key => Assert.Matches("^(CLUSTER_SIP|AKKA)__", key));
        var settings = Load(service).Settings;

        Assert.Equal(PersistenceProvider.PostgreSql, settings.Persistence.Provider);
        Assert.Contains("Host=postgres;", settings.Persistence.ConnectionString);
        Assert.Equal(name, settings.Cluster.RemotingHost);
        Assert.Equal(JoinMode.SeedNodes, settings.Cluster.Join);
        Assert.All(settings.Cluster.SeedNodes, seed =>
        {
            Assert.Contains(seed.Host, NodeServices().Select(s => s.Name));
            Assert.Equal(settings.Cluster.RemotingPort, seed.Port);
        });
        Assert.False(settings.Management.IsForcedToLoopback, "the API must be reachable through the published port, which needs a token");
    }

    [Theory]
    [MemberData(nameof(Nodes))]
    public void Published_ports_are_exactly_the_ports_the_node_listens_on(string name)
    {
        var service = Map(Services, name);
        var settings = Load(service).Settings;
        var expected = new HashSet<string>(
            settings.Sip.Listen.Select(e => $"{e.EndPoint.Port}/{e.Transport.ToString().ToLowerInvariant()}")
                .Append($"{settings.Management.Port}/tcp")
                .Append($"{settings.InteractionProxy.EndPoint.Port}/tcp"));

        var published = Sequence(service, "ports").Select(p => ContainerPort(((YamlScalarNode)p).Value!)).ToHashSet();

        Assert.Equal(expected.Order(), published.Order());
    }

    [Theory]
    [MemberData(nameof(Nodes))]
    public void The_health_check_asks_for_readiness_on_the_management_port(string name)
    {
        var service = Map(Services, name);
        var settings = Load(service).Settings;

        var test = string.Join(' ', Sequence(Map(service, "healthcheck"), "test").Select(n => ((YamlScalarNode)n).Value));

        Assert.Contains($"http://127.0.0.1:{settings.Management.Port}/health/ready", test);
    }

    private static NodeConfiguration Load(YamlMappingNode service)
    {
        var command = Sequence(service, "command").Select(n => ((YamlScalarNode)n).Value!).ToList();
        var files = command.Select((argument, i) => (argument, i))
            .Where(a => a.argument == "--config")
            .Select(a => Repository.Path(command[a.i + 1].Split('/')))
            .ToList();
        return ConfigLoader.Load(new ConfigInputs(Repository.Path("hocon", "node.conf"), files, Environment(service), []));
    }

    /// <summary>The service's environment, with compose's ${VAR...} references replaced by a stand-in value.</summary>
    private static Dictionary<string, string> Environment(YamlMappingNode service) =>
        Map(service, "environment").Children.ToDictionary(
            e => ((YamlScalarNode)e.Key).Value!,
            e => ComposeVariable().Replace(((YamlScalarNode)e.Value).Value!, "compose-variable"));

    private static string ContainerPort(string mapping)
    {
        var protocol = mapping.Contains('/') ? mapping[(mapping.IndexOf('/') + 1)..] : "tcp";
        var ports = mapping.Split('/')[0];
        return $"{ports[(ports.LastIndexOf(':') + 1)..]}/{protocol}";
    }

    private static IEnumerable<(string Name, YamlMappingNode Service)> NodeServices() =>
        Services.Children
            .Where(s => ((YamlMappingNode)s.Value).Children.ContainsKey("command"))
            .Select(s => (((YamlScalarNode)s.Key).Value!, (YamlMappingNode)s.Value));

    private static YamlMappingNode LoadServices()
    {
        using var reader = new StreamReader(Repository.Path("deploy", "docker-compose.yml"));
        var yaml = new YamlStream();
        yaml.Load(reader);
        return Map((YamlMappingNode)yaml.Documents[0].RootNode, "services");
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    private static IEnumerable<YamlNode> Sequence(YamlMappingNode node, string key) => ((YamlSequenceNode)node.Children[new YamlScalarNode(key)]).Children;

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value!;

    [GeneratedRegex(@"\$\{[^}]*\}")]
    private static partial Regex ComposeVariable();
}
