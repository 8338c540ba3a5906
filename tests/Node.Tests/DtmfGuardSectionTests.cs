using ClusterSip.Node.Configuration;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.Node.Tests;

/// <summary>cluster-sip.dtmf-guard and the dtmf-guard script name as the node reads them.</summary>
public sealed class DtmfGuardSectionTests
{
    [Fact]
    public void Reads_the_digit_and_timeout_and_knows_the_dtmf_guard_script_by_name()
    {
        var s = TestConfiguration.Load("cluster-sip.routing.script=dtmf-guard", "cluster-sip.dtmf-guard.digit=\"#\"", "cluster-sip.dtmf-guard.timeout=10m").Settings;
        Assert.Equal("dtmf-guard", s.Routing.Script);
        Assert.Equal("#", s.DtmfGuard.Digit);
        Assert.Equal(TimeSpan.FromMinutes(10), s.DtmfGuard.Timeout);
        Assert.Equal("2", TestConfiguration.Load().Settings.DtmfGuard.Digit);
    }

    [Theory]
    [InlineData("cluster-sip.dtmf-guard.digit=\"22\"", "cluster-sip.dtmf-guard.digit")]
    [InlineData("cluster-sip.dtmf-guard.digit=x", "cluster-sip.dtmf-guard.digit")]
    [InlineData("cluster-sip.dtmf-guard.timeout=never", "cluster-sip.dtmf-guard.timeout")]
    public void Bad_values_stop_the_node_naming_the_key(string set, string key) =>
        Assert.Equal(key, Assert.Throws<ConfigurationException>(() => TestConfiguration.Load(set)).Key);

    [Fact]
    public void The_dtmf_guard_script_needs_dialogs() =>
        Assert.Equal(
            "cluster-sip.routing.script",
            Assert.Throws<ConfigurationException>(() => TestConfiguration.Load("cluster-sip.routing.script=dtmf-guard", "cluster-sip.dialogs.enabled=off")).Key);
}
