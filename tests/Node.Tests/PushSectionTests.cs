using ClusterSip.Node.Configuration;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.Node.Tests;

/// <summary>cluster-sip.push and the push-wakeup script name as the node reads them.</summary>
public sealed class PushSectionTests
{
    [Fact]
    public void Reads_the_push_url_and_timeouts_and_knows_the_push_wakeup_script_by_name()
    {
        var s = TestConfiguration.Load(
            "cluster-sip.routing.script=push-wakeup",
            """cluster-sip.registrar.domains=["example.com"]""",
            "cluster-sip.push.url=\"https://push.example.com/send\"",
            "cluster-sip.push.timeout=45s",
            "cluster-sip.push.http-timeout=2s").Settings;

        Assert.Equal("push-wakeup", s.Routing.Script);
        Assert.Equal(new Uri("https://push.example.com/send"), s.Push.Url);
        Assert.Equal(TimeSpan.FromSeconds(45), s.Push.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(2), s.Push.HttpTimeout);
    }

    [Fact]
    public void By_default_no_push_is_sent_and_a_call_waits_30_seconds()
    {
        var s = TestConfiguration.Load().Settings.Push;
        Assert.Null(s.Url);
        Assert.Equal(TimeSpan.FromSeconds(30), s.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(5), s.HttpTimeout);
    }

    [Theory]
    [InlineData("cluster-sip.push.url=\"ftp://push.example.com\"", "cluster-sip.push.url")]
    [InlineData("cluster-sip.push.url=not-a-url", "cluster-sip.push.url")]
    [InlineData("cluster-sip.push.timeout=0s", "cluster-sip.push.timeout")]
    [InlineData("cluster-sip.push.http-timeout=soon", "cluster-sip.push.http-timeout")]
    [InlineData("cluster-sip.routing.script=push-wakeup", "cluster-sip.routing.script")] // without registrar domains
    public void Bad_values_stop_the_node_naming_the_key(string set, string key)
    {
        var error = Assert.Throws<ConfigurationException>(() => TestConfiguration.Load(set));
        Assert.Equal(key, error.Key);
    }
}
