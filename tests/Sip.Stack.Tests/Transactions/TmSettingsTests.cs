using Akka.Configuration;
using ClusterSip.Sip.Stack.Transactions;
using Xunit;

namespace ClusterSip.Sip.Stack.Tests.Transactions;

public sealed class TmSettingsTests
{
    [Fact]
    public void Defaults_are_those_of_the_tm_module()
    {
        var s = TmSettings.FromConfig(ConfigurationFactory.ParseString("cluster-sip.tm {}").GetConfig("cluster-sip.tm"));
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
        Assert.Equal(TmSettings.Default, s);
    }

    [Fact]
    public void Reads_the_module_key_names()
    {
        var config = ConfigurationFactory.ParseString("""
            fr_timer = 10, fr_inv_timer = 200, wt_timer = 10, delete_timer = 5, T1_timer = 700, T2_timer = 8000, T4_timer = 6000
            noisy_ctimer = 1, restart_fr_on_each_reply = 0, ruri_matching = 0, via1_matching = off, unix_tx_timeout = 5
            pass_provisional_replies = 1, syn_branch = 0, tw_append = "append1:UA=$hdr(User-Agent);$rb"
            fr_timer_avp = "fr", fr_inv_timer_avp = "fr_inv", onreply_avp_mode = 1
            """);
        var s = TmSettings.FromConfig(config);
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
            },
            s);
    }

    [Theory]
    [InlineData("fr_timer = 0", "cluster-sip.tm.fr_timer")]
    [InlineData("fr_inv_timer = abc", "cluster-sip.tm.fr_inv_timer")]
    [InlineData("T1_timer = 5000", "cluster-sip.tm.T2_timer")]
    [InlineData("noisy_ctimer = maybe", "cluster-sip.tm.noisy_ctimer")]
    [InlineData("onreply_avp_mode = 2", "cluster-sip.tm.onreply_avp_mode")]
    public void Bad_values_are_rejected_naming_the_key(string hocon, string key)
    {
        var e = Assert.Throws<ConfigurationException>(() => TmSettings.FromConfig(ConfigurationFactory.ParseString(hocon)));
        Assert.StartsWith(key, e.Message, StringComparison.Ordinal);
    }
}
