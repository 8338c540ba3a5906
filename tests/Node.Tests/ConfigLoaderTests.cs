using System.Net;
using ClusterSip.Node.Configuration;
using ClusterSip.Node.Settings;
using ClusterSip.Node.Tests.Support;
using ClusterSip.Sip.Stack.Transport;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.Node.Tests;

public sealed class ConfigLoaderTests : IDisposable
{
    private static readonly Dictionary<string, string> NoEnvironment = new();
    private readonly TempDirectory _files = new("config");

    [Fact]
    public void Defaults_give_a_single_node_on_loopback_with_the_documented_ports()
    {
        var settings = TestConfiguration.Load().Settings;

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 8558), new IPEndPoint(settings.Management.Host, settings.Management.Port));
        Assert.Null(settings.Management.Token);
        Assert.Equal(["udp:127.0.0.1:5060", "tcp:127.0.0.1:5060"], settings.Sip.Listen.Select(e => e.ToString()));
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 7050), settings.InteractionProxy.EndPoint);
        Assert.Equal(Path.GetFullPath("./data"), settings.DataDir);
        Assert.Equal(JoinMode.Self, settings.Cluster.Join);
        Assert.Equal(4053, settings.Cluster.RemotingPort);
        Assert.Equal(PersistenceProvider.Sqlite, settings.Persistence.Provider);
        Assert.Equal($"Data Source={Path.Combine(settings.DataDir, "cluster.db")}", settings.Persistence.ConnectionString);
    }

    [Fact]
    public void The_shipped_profiles_load()
    {
        var single = TestConfiguration.Load([Repository.ShippedHocon("single-node.conf")], NoEnvironment).Settings;
        var cluster = TestConfiguration.Load([Repository.ShippedHocon("cluster.conf")], NoEnvironment).Settings;

        Assert.Equal(JoinMode.Self, single.Cluster.Join);
        Assert.Equal(PersistenceProvider.Sqlite, single.Persistence.Provider);
        Assert.Equal(JoinMode.SeedNodes, cluster.Cluster.Join);
        Assert.Equal(3, cluster.Cluster.SeedNodes.Count);
        Assert.Equal(PersistenceProvider.PostgreSql, cluster.Persistence.Provider);
    }

    [Fact]
    public void The_fast_failover_profile_sets_the_deadline_detector_and_a_shorter_stable_after()
    {
        var merged = TestConfiguration.Load([Repository.ShippedHocon("cluster.conf"), Repository.ShippedHocon("fast-failover.conf")], NoEnvironment).Merged;

        Assert.Equal(typeof(Akka.Remote.DeadlineFailureDetector), Type.GetType(merged.GetString("akka.cluster.failure-detector.implementation-class"), throwOnError: true));
        Assert.Equal(TimeSpan.FromMilliseconds(250), merged.GetTimeSpan("akka.cluster.failure-detector.heartbeat-interval"));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), merged.GetTimeSpan("akka.cluster.failure-detector.acceptable-heartbeat-pause"));
        Assert.Equal(TimeSpan.FromSeconds(1), merged.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after"));
        Assert.Equal("keep-majority", merged.GetString("akka.cluster.split-brain-resolver.active-strategy"));
    }

    [Fact]
    public void Files_then_environment_then_set_each_override_the_one_before()
    {
        var file = Write("ports.conf", "cluster-sip.management.port = 1001\ncluster-sip.interaction-proxy.port = 2001\ncluster-sip.management.ask-timeout = 9s");
        var environment = new Dictionary<string, string>
        {
            ["CLUSTER_SIP__MANAGEMENT__PORT"] = "1002",
            ["CLUSTER_SIP__INTERACTION_PROXY__PORT"] = "2002",
            ["UNRELATED"] = "ignored",
        };

        var settings = TestConfiguration.Load([file], environment, "cluster-sip.management.port=1003").Settings;

        Assert.Equal(1003, settings.Management.Port);
        Assert.Equal(2002, settings.InteractionProxy.EndPoint.Port);
        Assert.Equal(TimeSpan.FromSeconds(9), settings.Management.AskTimeout);
    }

    [Fact]
    public void Set_takes_lists_akka_keys_and_unquoted_strings()
    {
        var configuration = TestConfiguration.Load(
            "cluster-sip.sip.listen=[\"udp:127.0.0.1:5070\", \"tcp:[::1]:5071\"]",
            "akka.remote.dot-netty.tcp.port=4999",
            "cluster-sip.persistence.provider=postgresql",
            "cluster-sip.persistence.connection-string=Host=db;Port=5432;Username=u",
            "cluster-sip.cluster.join=seed-nodes",
            "cluster-sip.cluster.seed-nodes=[\"akka.tcp://cluster-sip@10.0.0.1:4053\"]");

        Assert.Equal(["udp:127.0.0.1:5070", "tcp:[::1]:5071"], configuration.Settings.Sip.Listen.Select(e => e.ToString()));
        Assert.Equal(4999, configuration.Settings.Cluster.RemotingPort);
        Assert.Equal(4999, configuration.Merged.GetInt("akka.remote.dot-netty.tcp.port"));
        Assert.Equal("Host=db;Port=5432;Username=u", configuration.Settings.Persistence.ConnectionString);
        Assert.Equal("akka.tcp://cluster-sip@10.0.0.1:4053", Assert.Single(configuration.Settings.Cluster.SeedNodes).ToString());
    }

    [Theory]
    [InlineData("CLUSTER_SIP__MANAGEMENT__PORT", "cluster-sip.management.port")]
    [InlineData("CLUSTER_SIP__INTERACTION_PROXY__PORT", "cluster-sip.interaction-proxy.port")]
    [InlineData("cluster_sip__data_dir", "cluster-sip.data-dir")]
    [InlineData("AKKA__REMOTE__DOT_NETTY__TCP__PORT", "akka.remote.dot-netty.tcp.port")]
    public void Environment_variable_names_map_to_keys(string variable, string key) =>
        Assert.Equal(key, EnvironmentOverrides.KeyOf(variable));

    [Fact]
    public void An_unknown_key_in_a_file_is_named_with_the_file_and_the_keys_it_could_be()
    {
        var file = Write("typo.conf", "cluster-sip {\n  management {\n    prot = 18558\n  }\n}\n");

        var error = TestConfiguration.ErrorOf(() => TestConfiguration.Load([file], NoEnvironment));

        Assert.Contains("unknown key 'cluster-sip.management.prot'", error);
        Assert.Contains(file, error);
        Assert.Contains("port", error);
    }

    [Theory]
    [InlineData("--set", "cluster-sip.sip.listens=[]", "cluster-sip.sip.listens")]
    [InlineData("CLUSTER_SIP__MANAGMENT__PORT", "1", "cluster-sip.managment.port")]
    public void An_unknown_key_from_the_command_line_or_environment_names_where_it_came_from(string source, string value, string key)
    {
        var error = source == "--set"
            ? TestConfiguration.ErrorOf(() => TestConfiguration.Load(value))
            : TestConfiguration.ErrorOf(() => TestConfiguration.Load([], new Dictionary<string, string> { [source] = value }));

        Assert.Contains($"unknown key '{key}'", error);
        Assert.Contains(source == "--set" ? $"--set {value}" : $"environment variable {source}", error);
    }

    [Fact]
    public void Keys_outside_cluster_sip_and_akka_are_refused()
    {
        var file = Write("other.conf", "cluster-sip.data-dir = \"x\"\nmanagement.port = 1\n");

        Assert.Contains("unknown top-level key 'management'", TestConfiguration.ErrorOf(() => TestConfiguration.Load([file], NoEnvironment)));
    }

    [Theory]
    [InlineData("cluster-sip.management.port=abc", "cluster-sip.management.port")]
    [InlineData("cluster-sip.management.port=70000", "cluster-sip.management.port")]
    [InlineData("cluster-sip.management.port=[8558]", "cluster-sip.management.port")]
    [InlineData("cluster-sip.interaction-proxy.port=0", "cluster-sip.interaction-proxy.port")]
    [InlineData("cluster-sip.interaction-proxy.cache-max-total-events=0", "cluster-sip.interaction-proxy.cache-max-total-events")]
    [InlineData("cluster-sip.management.host=my host", "cluster-sip.management.host")]
    [InlineData("cluster-sip.management.ask-timeout=soon", "cluster-sip.management.ask-timeout")]
    [InlineData("cluster-sip.sip.listen=udp:127.0.0.1:5060", "cluster-sip.sip.listen")]
    [InlineData("cluster-sip.persistence.provider=mysql", "cluster-sip.persistence.provider")]
    [InlineData("cluster-sip.persistence.provider=postgresql", "cluster-sip.persistence.connection-string")]
    [InlineData("cluster-sip.persistence.sqlite-synchronous=off", "cluster-sip.persistence.sqlite-synchronous")]
    [InlineData("cluster-sip.logging.level=loud", "cluster-sip.logging.level")]
    [InlineData("cluster-sip.cluster.join=sometimes", "cluster-sip.cluster.join")]
    [InlineData("cluster-sip.cluster.join=seed-nodes", "cluster-sip.cluster.seed-nodes")]
    [InlineData("cluster-sip.cluster.seed-nodes=[\"akka.tcp://other-system@10.0.0.1:4053\"]", "cluster-sip.cluster.seed-nodes[0]")]
    [InlineData("cluster-sip.cluster.seed-nodes=[\"10.0.0.1\"]", "cluster-sip.cluster.seed-nodes[0]")]
    [InlineData("cluster-sip.cluster.system-name=bad name!", "cluster-sip.cluster.system-name")]
    [InlineData("cluster-sip.management=8558", "cluster-sip.management")]
    [InlineData("akka.remote.dot-netty.tcp.port=-1", "akka.remote.dot-netty.tcp.port")]
    [InlineData("cluster-sip.sip.advertised-address=sip.example.com", "cluster-sip.sip.advertised-address")]
    [InlineData("cluster-sip.sip.max-message-size=10", "cluster-sip.sip.max-message-size")]
    [InlineData("cluster-sip.sip.tcp-idle-timeout=never", "cluster-sip.sip.tcp-idle-timeout")]
    [InlineData("cluster-sip.sip.udp-overload-backlog=-1", "cluster-sip.sip.udp-overload-backlog")]
    [InlineData("cluster-sip.sip.udp-overload-after=0s", "cluster-sip.sip.udp-overload-after")]
    [InlineData("cluster-sip.sip.dns.servers=[\"dns.example.com\"]", "cluster-sip.sip.dns.servers[0]")]
    [InlineData("cluster-sip.tm.fr_timer=0", "cluster-sip.tm.fr_timer")]
    [InlineData("cluster-sip.tm.T2_timer=100", "cluster-sip.tm.T2_timer")]
    [InlineData("cluster-sip.tm.noisy_ctimer=maybe", "cluster-sip.tm.noisy_ctimer")]
    [InlineData("cluster-sip.routing.default-destinations=[\"mailto:x@example.com\"]", "cluster-sip.routing.default-destinations")]
    [InlineData("cluster-sip.routing.script=No.Such.Script", "cluster-sip.routing.script")]
    public void A_wrong_value_is_named_by_its_key(string set, string key)
    {
        var error = TestConfiguration.ErrorOf(() => TestConfiguration.Load(set));

        Assert.StartsWith(key, error);
    }

    [Theory]
    [InlineData("sctp:127.0.0.1:5060", "transport must be udp, tcp, tls, ws or wss")]
    [InlineData("udp:127.0.0.1", "expected address:port")]
    [InlineData("udp127.0.0.1:5060", "transport must be udp, tcp, tls, ws or wss")]
    [InlineData("udp:sip.example.com:5060", "is not an IP address")]
    [InlineData("tcp:::1:5060", "must be in brackets")]
    [InlineData("udp:127.0.0.1:0", "port must be")]
    [InlineData("udp:127.0.0.1:65536", "port must be")]
    [InlineData("udp:127.0.0.1:50x", "port must be")]
    public void A_listen_string_that_does_not_parse_is_named_with_its_position(string endpoint, string problem)
    {
        var error = TestConfiguration.ErrorOf(() => TestConfiguration.Load($"cluster-sip.sip.listen=[\"udp:127.0.0.1:5060\", \"{endpoint}\"]"));

        Assert.StartsWith($"cluster-sip.sip.listen[1] = \"{endpoint}\" (set in --set", error);
        Assert.Contains(problem, error);
    }

    [Fact]
    public void A_listen_endpoint_given_twice_is_refused()
    {
        var error = TestConfiguration.ErrorOf(() => TestConfiguration.Load("cluster-sip.sip.listen=[\"udp:127.0.0.1:5060\", \"udp:127.0.0.1:5060\"]"));

        Assert.Contains("more than once", error);
    }

    [Theory]
    [InlineData("cluster-sip {\n  management.port = 1\n", "is never closed")]
    [InlineData("cluster-sip.management.port = 1\n}\n", "closes nothing")]
    [InlineData("cluster-sip.management.host = \"127.0.0.1\n", "unterminated string")]
    [InlineData("cluster-sip.sip.listen = [\"udp:127.0.0.1:5060\"}\n", "does not match")]
    [InlineData("cluster-sip.management.port = \n", "no readable value")]
    [InlineData("cluster-sip.cluster.seed-nodes = [akka.tcp://cluster-sip@1.2.3.4:4053]\n", "HOCON syntax error")]
    [InlineData("include \"other.conf\"\n", "include is not supported")]
    public void A_hocon_syntax_error_names_the_file(string text, string problem)
    {
        var file = Write("broken.conf", text);

        var error = TestConfiguration.ErrorOf(() => TestConfiguration.Load([file], NoEnvironment));

        Assert.StartsWith(file, error);
        Assert.Contains(problem, error);
    }

    [Fact]
    public void A_missing_config_file_is_named()
    {
        var missing = Path.Combine(_files.Path, "nowhere.conf");

        var error = TestConfiguration.ErrorOf(() => TestConfiguration.Load([missing], NoEnvironment));

        Assert.Contains($"configuration file not found: {missing}", error);
    }

    [Theory]
    [InlineData("cluster-sip.management.port")]
    [InlineData("=18558")]
    [InlineData("cluster sip.management.port=1")]
    public void A_set_that_is_not_key_equals_value_is_refused(string set) =>
        Assert.Contains("--set", TestConfiguration.ErrorOf(() => TestConfiguration.Load(set)));

    public void Dispose() => _files.Dispose();

    private string Write(string name, string text)
    {
        var path = Path.Combine(_files.Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Sip_transport_dns_tm_and_routing_keys_reach_their_settings()
    {
        var settings = TestConfiguration.Load(
            "cluster-sip.sip.advertised-address=192.0.2.7",
            "cluster-sip.sip.max-message-size=4096",
            "cluster-sip.sip.dns.servers=[\"127.0.0.1:5353\"]",
            "cluster-sip.tm.fr_inv_timer=60",
            "cluster-sip.routing.default-destinations=[\"sip:127.0.0.1:5080\"]").Settings;

        Assert.Equal("192.0.2.7", settings.Sip.Transport.AdvertisedAddress?.ToString());
        Assert.Equal(4096, settings.Sip.Transport.MaxMessageSize);
        Assert.Equal("127.0.0.1:5353", Assert.Single(settings.Sip.Dns.Servers).ToString());
        Assert.Equal(TimeSpan.FromSeconds(60), settings.Tm.FrInvTimer);
        Assert.Equal("sip:127.0.0.1:5080", Assert.Single(settings.Routing.DefaultDestinations).ToString());
    }

    [Fact]
    public void Udp_overload_shedding_is_on_by_default_and_off_at_zero()
    {
        Assert.Equal(new UdpOverloadSettings(4 * 1024 * 1024, TimeSpan.FromSeconds(1)), TestConfiguration.Load().Settings.Sip.Transport.UdpOverload);
        Assert.Equal(
            new UdpOverloadSettings(1_000_000, TimeSpan.FromMilliseconds(300)),
            TestConfiguration.Load("cluster-sip.sip.udp-overload-backlog=1000000", "cluster-sip.sip.udp-overload-after=300ms").Settings.Sip.Transport.UdpOverload);
        Assert.Null(TestConfiguration.Load("cluster-sip.sip.udp-overload-backlog=0").Settings.Sip.Transport.UdpOverload);
    }
}
