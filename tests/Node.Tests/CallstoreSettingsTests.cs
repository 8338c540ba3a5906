using ClusterSip.Node.Configuration;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.Node.Tests;

/// <summary>cluster-sip.callstore.instances with the seed's rules: one test per rule, each error naming the instance and the key.</summary>
public sealed class CallstoreSettingsTests
{
    private const string Valid = "name = \"callstore1\", roletype = \"callstore\", group = 1, order = 1";

    private static NodeConfiguration Load(params string[] instances) =>
        TestConfiguration.Load($"cluster-sip.callstore.instances=[{string.Join(", ", instances.Select(i => $"{{ {i} }}"))}]");

    private static string ErrorOf(params string[] instances) => TestConfiguration.ErrorOf(() => Load(instances));

    [Fact]
    public void The_default_is_one_instance_on_any_node_serving_every_domain()
    {
        var callstore = TestConfiguration.Load().Settings.Callstore;

        var instance = Assert.Single(callstore.Instances);
        Assert.Equal(("callstore1", "callstore", 1, 1, true, true, false), (instance.Name, instance.RoleType, instance.Group, instance.Order, instance.Enabled, instance.CdrEnabled, instance.Sorm3Enabled));
        Assert.Null(instance.Iface);
        Assert.Empty(instance.IncludeDomains);
        Assert.Equal(instance, Assert.Single(callstore.HostedHere));
        Assert.Equal(TimeSpan.FromSeconds(10), callstore.DeadDialogAfter);
    }

    [Fact]
    public void Every_key_of_the_seed_is_read()
    {
        var instance = Assert.Single(Load(
            "name = \"cs2\", roletype = \"callstore\", iface = \"site-a\", ext = { mode = \"x\", level = 2 }, enabled = true, group = 11010, order = 3, " +
            "include_domains = [\"Example.COM\", \"b.example.org\"], cdr_enabled = true, sorm3_enabled = true",
            Valid).Settings.Callstore.Instances, i => i.Name == "cs2");

        Assert.Equal(("site-a", 11010, 3, true), (instance.Iface, instance.Group, instance.Order, instance.Sorm3Enabled));
        Assert.Equal(["example.com", "b.example.org"], instance.IncludeDomains);
        Assert.Equal("{\"mode\":\"x\",\"level\":2}", instance.Ext);
    }

    [Fact]
    public void A_node_hosts_the_instances_whose_iface_is_one_of_its_aliases_or_that_have_none()
    {
        var callstore = TestConfiguration.Load(
            "cluster-sip.node.aliases=[\"site-b\"]",
            "cluster-sip.callstore.instances=[" +
            "{ name = \"a\", roletype = \"callstore\", iface = \"site-a\", group = 1, order = 1 }," +
            "{ name = \"b\", roletype = \"callstore\", iface = \"site-b\", group = 1, order = 2 }," +
            "{ name = \"c\", roletype = \"callstore\", group = 2, order = 1, include_domains = [\"example.com\"] }," +
            "{ name = \"d\", roletype = \"callstore\", iface = \"site-a\", group = 3, order = 1, include_domains = [\"example.org\"] }]").Settings.Callstore;

        Assert.Equal(["b", "c"], callstore.HostedHere.Select(i => i.Name));
        Assert.Equal([1, 2, 3], callstore.Groups);
    }

    [Theory]
    [InlineData("roletype = \"callstore\", group = 1, order = 1", "instances[0].name", "is required")]
    [InlineData("name = \"1cs\", roletype = \"callstore\", group = 1, order = 1", "instances[0] (1cs).name", "start with a letter")]
    [InlineData("name = \"cs_1\", roletype = \"callstore\", group = 1, order = 1", "instances[0] (cs_1).name", "Latin letters and digits")]
    [InlineData("name = \"cs1\", group = 1, order = 1", "instances[0] (cs1).roletype", "is required")]
    [InlineData("name = \"cs1\", roletype = \"registrar\", group = 1, order = 1", "instances[0] (cs1).roletype", "must be \"callstore\"")]
    [InlineData("name = \"cs1\", roletype = \"callstore\", order = 1", "instances[0] (cs1).group", "is required")]
    [InlineData("name = \"cs1\", roletype = \"callstore\", group = 0, order = 1", "instances[0] (cs1).group", "from 1 to 9999999")]
    [InlineData("name = \"cs1\", roletype = \"callstore\", group = 10000000, order = 1", "instances[0] (cs1).group", "from 1 to 9999999")]
    [InlineData("name = \"cs1\", roletype = \"callstore\", group = \"x\", order = 1", "instances[0] (cs1).group", "whole number")]
    [InlineData("name = \"cs1\", roletype = \"callstore\", group = 1", "instances[0] (cs1).order", "is required")]
    [InlineData("name = \"cs1\", roletype = \"callstore\", group = 1, order = -1", "instances[0] (cs1).order", "whole number")]
    [InlineData("name = \"cs1\", roletype = \"callstore\", group = 1, order = 1, iface = \"\"", "instances[0] (cs1).iface", "must not be empty")]
    [InlineData("name = \"cs1\", roletype = \"callstore\", group = 1, order = 1, ext = \"text\"", "instances[0] (cs1).ext", "JSON object or list")]
    [InlineData("name = \"cs1\", roletype = \"callstore\", group = 1, order = 1, enabled = maybe", "instances[0] (cs1).enabled", "true or false")]
    [InlineData("name = \"cs1\", roletype = \"callstore\", group = 1, order = 1, cdr_enabled = 2", "instances[0] (cs1).cdr_enabled", "true or false")]
    [InlineData("name = \"cs1\", roletype = \"callstore\", group = 1, order = 1, cdr_enabled = false, sorm3_enabled = true", "instances[0] (cs1).sorm3_enabled", "needs cdr_enabled")]
    [InlineData("name = \"cs1\", roletype = \"callstore\", group = 1, order = 1, include_domains = \"example.com\"", "instances[0] (cs1).include_domains", "must be a list")]
    [InlineData("name = \"cs1\", roletype = \"callstore\", group = 1, order = 1, include_domains = [\"bad domain\"]", "instances[0] (cs1).include_domains", "is not a domain name")]
    [InlineData("name = \"cs1\", roletype = \"callstore\", group = 1, order = 1, colour = \"red\"", "instances[0] (cs1).colour", "is not a callstore instance key")]
    public void A_bad_key_stops_the_node_naming_the_instance_and_the_key(string instance, string where, string problem)
    {
        var error = ErrorOf(instance);

        Assert.Contains($"cluster-sip.callstore.{where}", error);
        Assert.Contains(problem, error);
    }

    [Fact]
    public void An_element_that_is_not_an_object_is_an_error()
    {
        var error = TestConfiguration.ErrorOf(() => TestConfiguration.Load("cluster-sip.callstore.instances=[\"callstore1\"]"));

        Assert.Contains("cluster-sip.callstore.instances[0]", error);
        Assert.Contains("must be an object", error);
    }

    [Fact]
    public void Names_are_unique()
    {
        var error = ErrorOf(Valid, "name = \"callstore1\", roletype = \"callstore\", group = 1, order = 2");

        Assert.Contains("instances[1] (callstore1).name", error);
        Assert.Contains("unique", error);
    }

    [Fact]
    public void Orders_are_unique_within_a_group()
    {
        var error = ErrorOf(Valid, "name = \"callstore2\", roletype = \"callstore\", group = 1, order = 1");

        Assert.Contains("instances[1] (callstore2).order", error);
    }

    [Fact]
    public void The_instances_of_a_group_serve_the_same_domains()
    {
        var error = ErrorOf(
            Valid,
            "name = \"a\", roletype = \"callstore\", group = 2, order = 1, include_domains = [\"example.com\"]",
            "name = \"b\", roletype = \"callstore\", group = 2, order = 2, include_domains = [\"example.org\"]");

        Assert.Contains("instances[2] (b).include_domains", error);
        Assert.Contains("differs from that of instance a", error);
    }

    [Fact]
    public void A_domain_belongs_to_one_group()
    {
        var error = ErrorOf(
            Valid,
            "name = \"a\", roletype = \"callstore\", group = 2, order = 1, include_domains = [\"example.com\"]",
            "name = \"b\", roletype = \"callstore\", group = 3, order = 1, include_domains = [\"EXAMPLE.com\"]");

        Assert.Contains("instances[2] (b).include_domains", error);
        Assert.Contains("names example.com, which group 2 names too", error);
    }

    [Fact]
    public void One_group_serves_the_domains_no_group_names()
    {
        var none = ErrorOf("name = \"a\", roletype = \"callstore\", group = 2, order = 1, include_domains = [\"example.com\"]");
        var two = ErrorOf(Valid, "name = \"b\", roletype = \"callstore\", group = 2, order = 1");

        Assert.Contains("no enabled group has empty include_domains", none);
        Assert.Contains("instances[1] (b).include_domains", two);
    }

    [Fact]
    public void A_disabled_instance_is_not_validated_nor_hosted()
    {
        var callstore = Load(Valid, "name = \"_broken\", enabled = false, group = \"none\"").Settings.Callstore;

        Assert.Equal(2, callstore.Instances.Count);
        Assert.Equal(["callstore1"], callstore.Enabled.Select(i => i.Name));
        Assert.Equal(["callstore1"], callstore.HostedHere.Select(i => i.Name));
    }

    [Theory]
    [InlineData("cluster-sip.callstore.dead-dialog-after")]
    [InlineData("cluster-sip.callstore.journal-pace")]
    public void A_bad_duration_names_the_key(string key)
    {
        var error = TestConfiguration.ErrorOf(() => TestConfiguration.Load($"{key}=soon"));

        Assert.Contains(key, error);
    }

    [Fact]
    public void A_negative_journal_pace_is_refused()
    {
        var error = TestConfiguration.ErrorOf(() => TestConfiguration.Load("cluster-sip.callstore.journal-pace=-5s"));

        Assert.Contains("cluster-sip.callstore.journal-pace", error);
    }

    [Fact]
    public void The_journal_pace_is_read_as_shipped_and_as_set()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(20), TestConfiguration.Load().Settings.Callstore.JournalPace);
        Assert.Equal(TimeSpan.Zero, TestConfiguration.Load("cluster-sip.callstore.journal-pace=0s").Settings.Callstore.JournalPace);
    }

    [Fact]
    public void The_hosted_groups_become_cluster_roles()
    {
        var config = AkkaConfig.Build(TestConfiguration.Load("cluster-sip.cluster.roles=[\"sip\"]"));

        Assert.Equal(["sip", "callstore-1"], config.GetStringList("akka.cluster.roles"));
    }
}
