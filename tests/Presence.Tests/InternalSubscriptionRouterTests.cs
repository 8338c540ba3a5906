using Akka.Actor;
using ClusterSip.Presence.Tests.Agent;

namespace ClusterSip.Presence.Tests;

public class InternalSubscriptionRouterTests : Akka.TestKit.Xunit2.TestKit
{
    private IActorRef Router(bool handle, bool acceptInternal, out Akka.TestKit.TestProbe b2b, out Akka.TestKit.TestProbe agent)
    {
        b2b = CreateTestProbe();
        agent = CreateTestProbe();
        return Sys.ActorOf(InternalSubscriptionRouter.Props(b2b, agent, handle, AgentRequests.Settings with { AcceptInternalSubscriptions = acceptInternal }));
    }

    [Fact]
    public void Subscriptions_go_to_the_b2b_ua_unless_the_agent_serves_the_domain_and_accepts_internal_subscriptions()
    {
        var router = Router(true, true, out var b2b, out var agent);

        router.Tell(new SubscribePresence("sip:bob@example.com", "sip:alice@example.com", TestActor));
        router.Tell(new SubscribePresence("sip:bob@elsewhere.org", "sip:alice@example.com", TestActor));
        router.Tell(new UnsubscribePresence("sip:bob@example.com", "sip:alice@example.com", TestActor));

        Assert.Equal("sip:bob@example.com", agent.ExpectMsg<SubscribePresence>().Presentity);
        Assert.Equal("sip:bob@elsewhere.org", b2b.ExpectMsg<SubscribePresence>().Presentity);
        agent.ExpectMsg<UnsubscribePresence>();
    }

    [Fact]
    public void With_handle_presence_subscriptions_0_the_b2b_subscriptions_are_rejected_with_the_reason()
    {
        var router = Router(false, false, out var b2b, out _);

        router.Tell(new SubscribePresence("sip:bob@example.com", "sip:alice@example.com", TestActor));

        Assert.Contains("handle_presence_subscriptions", ExpectMsg<PresenceRequestRejected>().Reason);
        b2b.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Theory]
    [InlineData("not a uri", "sip:alice@example.com", "presentity")]
    [InlineData("sip:bob@example.com", "", "subscriber")]
    public void Addresses_that_are_not_uris_are_rejected_with_the_reason(string presentity, string subscriber, string named)
    {
        var router = Router(true, false, out var b2b, out _);

        router.Tell(new SubscribePresence(presentity, subscriber, TestActor));

        Assert.StartsWith(named, ExpectMsg<PresenceRequestRejected>().Reason);
        b2b.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }
}
