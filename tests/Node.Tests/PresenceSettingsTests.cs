using ClusterSip.Presence.Agent;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.Node.Tests;

public sealed class PresenceSettingsTests
{
    [Fact]
    public void The_presence_b2b_defaults_are_the_seed_modules()
    {
        var b2b = TestConfiguration.Load().Settings.Presence.B2b;

        Assert.Equal(3600, b2b.DefaultExpiration);
        Assert.Equal(TimeSpan.FromSeconds(120), b2b.OnErrorRetryTime);
        Assert.Null(b2b.PresenceRoute);
        Assert.Empty(b2b.AdditionalPresenceHeaders);
        Assert.Equal(TimeSpan.FromSeconds(30), b2b.WaitForTermNotify);
        Assert.Equal(TimeSpan.FromSeconds(30), b2b.ResubscribeDelta);
        Assert.Equal(TimeSpan.FromSeconds(30), b2b.MinResubscribeTime);
        Assert.True(b2b.HandlePresenceSubscriptions);
        Assert.Null(b2b.PresenceOutboundProxy);
        Assert.Equal(TimeSpan.Zero, b2b.MaxSubscribeDelay);
        Assert.Equal(256, b2b.StartingSubscriptions);
        Assert.Equal("sip:127.0.0.1:5060", b2b.LocalContact.ToString());
    }

    [Fact]
    public void The_seed_example_configuration_reaches_the_settings()
    {
        var b2b = TestConfiguration.Load(
            "cluster-sip.presence_b2b.presence_route=\"<sip:my-sip-server.domain.com;lr>\"",
            "cluster-sip.presence_b2b.on_error_retry_time=600",
            "cluster-sip.presence_b2b.wait_for_term_notify=33",
            "cluster-sip.presence_b2b.resubscribe_delta=15",
            "cluster-sip.presence_b2b.min_resubscribe_time=55",
            "cluster-sip.presence_b2b.default_expiration=667",
            "cluster-sip.presence_b2b.additional_presence_headers=\"X-A: 1\\r\\nX-B: two words\"",
            "cluster-sip.presence_b2b.presence_outbound_proxy=\"sip:proxy.example.com:5070\"",
            "cluster-sip.presence_b2b.max_subscribe_delay=20",
            "cluster-sip.presence_b2b.handle_presence_subscriptions=0").Settings.Presence.B2b;

        Assert.Equal("<sip:my-sip-server.domain.com;lr>", b2b.PresenceRoute!.ToString());
        Assert.Equal(TimeSpan.FromSeconds(600), b2b.OnErrorRetryTime);
        Assert.Equal(TimeSpan.FromSeconds(33), b2b.WaitForTermNotify);
        Assert.Equal(TimeSpan.FromSeconds(15), b2b.ResubscribeDelta);
        Assert.Equal(TimeSpan.FromSeconds(55), b2b.MinResubscribeTime);
        Assert.Equal(667, b2b.DefaultExpiration);
        Assert.Equal(["X-A: 1", "X-B: two words"], b2b.AdditionalPresenceHeaders.Select(h => h.ToString()));
        Assert.Equal("sip:proxy.example.com:5070", b2b.PresenceOutboundProxy!.ToString());
        Assert.Equal(TimeSpan.FromSeconds(20), b2b.MaxSubscribeDelay);
        Assert.False(b2b.HandlePresenceSubscriptions);
    }

    [Fact]
    public void The_agent_reads_domains_policy_and_the_internal_switch()
    {
        var defaults = TestConfiguration.Load().Settings.Presence.Agent;
        Assert.Equal(WatcherPolicy.AllowAll, defaults.Policy);
        Assert.False(defaults.AcceptInternalSubscriptions);
        Assert.Equal((3600, 60, 7200), (defaults.DefaultExpires, defaults.MinExpires, defaults.MaxExpires));
        Assert.Equal(TimeSpan.FromSeconds(10), defaults.AnswerTimeout);

        var agent = TestConfiguration.Load(
            "cluster-sip.presence.domains=[\"Example.com\"]",
            "cluster-sip.presence.policy=same-domain",
            "cluster-sip.presence.accept_internal_subscriptions=1",
            "cluster-sip.presence.answer-timeout=2500ms").Settings.Presence.Agent;

        Assert.Equal(["example.com"], agent.Domains);
        Assert.Equal(WatcherPolicy.SameDomain, agent.Policy);
        Assert.True(agent.AcceptInternalSubscriptions);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), agent.AnswerTimeout);
    }

    [Theory]
    [InlineData("cluster-sip.presence_b2b.presence_route=\"<not a route\"", "cluster-sip.presence_b2b.presence_route")]
    [InlineData("cluster-sip.presence_b2b.presence_outbound_proxy=nope", "cluster-sip.presence_b2b.presence_outbound_proxy")]
    [InlineData("cluster-sip.presence_b2b.additional_presence_headers=\"no colon here\"", "cluster-sip.presence_b2b.additional_presence_headers")]
    [InlineData("cluster-sip.presence_b2b.default_expiration=0", "cluster-sip.presence_b2b.default_expiration")]
    [InlineData("cluster-sip.presence_b2b.resubscribe_delta=-1", "cluster-sip.presence_b2b.resubscribe_delta")]
    [InlineData("cluster-sip.presence.policy=friends", "cluster-sip.presence.policy")]
    [InlineData("cluster-sip.presence_b2b.handle_presence_subscriptions=maybe", "cluster-sip.presence_b2b.handle_presence_subscriptions")]
    [InlineData("cluster-sip.presence.max-expires=10", "cluster-sip.presence.max-expires")]
    [InlineData("cluster-sip.presence.answer-timeout=0s", "cluster-sip.presence.answer-timeout")]
    [InlineData("cluster-sip.presence.answer-timeout=soon", "cluster-sip.presence.answer-timeout")]
    [InlineData("cluster-sip.presence_b2b.starting-subscriptions=0", "cluster-sip.presence_b2b.starting-subscriptions")]
    public void A_bad_presence_value_stops_the_node_naming_the_key(string set, string key) =>
        Assert.StartsWith(key + " = ", TestConfiguration.ErrorOf(() => TestConfiguration.Load(set)));
}
