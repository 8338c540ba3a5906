using ClusterSip.Node.Settings;
using ClusterSip.Sip.Stack.Transactions;
using ClusterSip.Node.Configuration;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.Node.Tests;

/// <summary>cluster-sip.tm as the node reads it: the tm module's key names and defaults, and errors naming the key.</summary>
public sealed class TmSectionTests
{
    [Fact]
    public void Defaults_are_those_of_the_tm_module()
    {
        var s = TestConfiguration.Load().Settings.Tm;
        Assert.Equal(TimeSpan.FromSeconds(30), s.FrTimer);
        Assert.Equal(TimeSpan.FromSeconds(120), s.FrInvTimer);
        Assert.Equal(TimeSpan.FromSeconds(5), s.WtTimer);
        Assert.Equal(TimeSpan.FromSeconds(2), s.DeleteTimer);
        Assert.Equal(TimeSpan.FromMilliseconds(500), s.T1);
        Assert.Equal(TimeSpan.FromMilliseconds(4000), s.T2);
        Assert.Equal(TimeSpan.FromSeconds(5), s.T4);
        Assert.False(s.NoisyCTimer);
        Assert.True(s.RestartFrOnEachReply);
        Assert.True(s.RuriMatching);
        Assert.True(s.Via1Matching);
        Assert.Equal(TimeSpan.FromSeconds(2), s.UnixTxTimeout);
        Assert.False(s.PassProvisionalReplies);
        Assert.True(s.SynBranch);
        Assert.Equal(string.Empty, s.TwAppend);
        Assert.Equal(string.Empty, s.FrTimerAvp);
        Assert.Equal(string.Empty, s.FrInvTimerAvp);
        Assert.Equal(0, s.OnReplyAvpMode);
        Assert.Equal(0, s.Managers);
    }

    [Fact]
    public void Reads_the_module_key_names()
    {
        var s = TestConfiguration.Load(
            "cluster-sip.tm.fr_timer=10", "cluster-sip.tm.fr_inv_timer=200", "cluster-sip.tm.wt_timer=10",
            "cluster-sip.tm.delete_timer=5", "cluster-sip.tm.T1_timer=700", "cluster-sip.tm.T2_timer=8000",
            "cluster-sip.tm.T4_timer=6000", "cluster-sip.tm.noisy_ctimer=1", "cluster-sip.tm.restart_fr_on_each_reply=0",
            "cluster-sip.tm.ruri_matching=0", "cluster-sip.tm.via1_matching=off", "cluster-sip.tm.unix_tx_timeout=5",
            "cluster-sip.tm.pass_provisional_replies=1", "cluster-sip.tm.syn_branch=0",
            "cluster-sip.tm.tw_append=\"append1:UA=$hdr(User-Agent);$rb\"", "cluster-sip.tm.fr_timer_avp=fr",
            "cluster-sip.tm.fr_inv_timer_avp=fr_inv", "cluster-sip.tm.onreply_avp_mode=1",
            "cluster-sip.tm.managers=3").Settings.Tm;

        Assert.Equal(
            new TmSettings
            {
                FrTimer = TimeSpan.FromSeconds(10),
                FrInvTimer = TimeSpan.FromSeconds(200),
                WtTimer = TimeSpan.FromSeconds(10),
                DeleteTimer = TimeSpan.FromSeconds(5),
                T1 = TimeSpan.FromMilliseconds(700),
                T2 = TimeSpan.FromMilliseconds(8000),
                T4 = TimeSpan.FromMilliseconds(6000),
                NoisyCTimer = true,
                RestartFrOnEachReply = false,
                RuriMatching = false,
                Via1Matching = false,
                UnixTxTimeout = TimeSpan.FromSeconds(5),
                PassProvisionalReplies = true,
                SynBranch = false,
                TwAppend = "append1:UA=$hdr(User-Agent);$rb",
                FrTimerAvp = "fr",
                FrInvTimerAvp = "fr_inv",
                OnReplyAvpMode = 1,
                Managers = 3,
            },
            s);
    }

    [Theory]
    [InlineData("cluster-sip.tm.fr_timer=0", "cluster-sip.tm.fr_timer")]
    [InlineData("cluster-sip.tm.fr_inv_timer=abc", "cluster-sip.tm.fr_inv_timer")]
    [InlineData("cluster-sip.tm.T1_timer=5000", "cluster-sip.tm.T2_timer")]
    [InlineData("cluster-sip.tm.noisy_ctimer=maybe", "cluster-sip.tm.noisy_ctimer")]
    [InlineData("cluster-sip.tm.onreply_avp_mode=2", "cluster-sip.tm.onreply_avp_mode")]
    [InlineData("cluster-sip.tm.managers=-1", "cluster-sip.tm.managers")]
    [InlineData("cluster-sip.tm.tw_append=nocolon", "cluster-sip.tm.tw_append")]
    [InlineData("cluster-sip.tm.tw_append=\"a:$rb;$ru\"", "cluster-sip.tm.tw_append")]
    public void Bad_values_stop_the_node_naming_the_key_and_where_it_was_set(string set, string key)
    {
        var error = Assert.Throws<ConfigurationException>(() => TestConfiguration.Load(set));
        Assert.Equal(key, error.Key);
        Assert.StartsWith(key + " = ", error.Message, StringComparison.Ordinal);
        Assert.Contains("set in --set ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_stack_tests_read_the_same_defaults_as_the_node()
    {
        var settings = TestConfiguration.Load().Settings;

        Assert.Equal(NodeConfDefaults.Tm, settings.Tm);
        Assert.Equal(NodeConfDefaults.Routing with { Routes = settings.Routing.Routes, DefaultDestinations = settings.Routing.DefaultDestinations }, settings.Routing);
        Assert.Equal(NodeConfDefaults.Routing.Routes, settings.Routing.Routes);
        Assert.Equal(NodeConfDefaults.Routing.DefaultDestinations, settings.Routing.DefaultDestinations);
        Assert.Equal(NodeConfDefaults.Transport with
        {
            Listen = settings.Sip.Transport.Listen,
            Pike = NodeConfDefaults.Transport.Pike with { TrustedNetworks = settings.Sip.Transport.Pike.TrustedNetworks },
        }, settings.Sip.Transport);
        Assert.Equal(NodeConfDefaults.Transport.Pike.TrustedNetworks, settings.Sip.Transport.Pike.TrustedNetworks);
        Assert.Equal(NodeConfDefaults.Transport.Listen, settings.Sip.Transport.Listen);
        Assert.Equal(NodeConfDefaults.Dns with { Servers = settings.Sip.Dns.Servers }, settings.Sip.Dns);
        Assert.Equal(NodeConfDefaults.Dns.Servers, settings.Sip.Dns.Servers);
    }
}
