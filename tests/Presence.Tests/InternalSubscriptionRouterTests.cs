using Akka.Actor;
using ClusterSip.Presence.B2b;
using ClusterSip.Presence.Tests.Agent;
using ClusterSip.Presence.Tests.Support;

namespace ClusterSip.Presence.Tests;

public class InternalSubscriptionRouterTests : Akka.TestKit.Xunit2.TestKit
{
    private IActorRef Router(bool handle, bool acceptInternal, out Akka.TestKit.TestProbe b2b, out Akka.TestKit.TestProbe agent, int starting = 256, TimeSpan? startTimeout = null)
    {
        b2b = CreateTestProbe();
        agent = CreateTestProbe();
        return Sys.ActorOf(InternalSubscriptionRouter.Props(
            b2b,
            agent,
            B2bTestKit.Defaults with { HandlePresenceSubscriptions = handle, StartingSubscriptions = starting },
            AgentRequests.Settings with { AcceptInternalSubscriptions = acceptInternal },
            startTimeout));
    }

    private static SubscribePresence Subscribe(int i) => new($"sip:u{i}@elsewhere.org", "sip:alice@example.com", ActorRefs.Nobody);

    [Fact]
    public void At_most_starting_subscriptions_start_at_once_the_rest_wait_in_order_and_an_unsubscribe_never_overtakes()
    {
        var router = Router(true, false, out var b2b, out _, starting: 2);

        foreach (var i in Enumerable.Range(1, 4)) router.Tell(Subscribe(i));
        router.Tell(new UnsubscribePresence("sip:u4@elsewhere.org", "sip:alice@example.com", ActorRefs.Nobody));

        var first = b2b.ExpectMsg<StartSubscription>();
        var second = b2b.ExpectMsg<StartSubscription>();
        Assert.Equal(["sip:u1@elsewhere.org", "sip:u2@elsewhere.org"], new[] { first.Request.Presentity, second.Request.Presentity });
        b2b.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        router.Tell(new SubscriptionStarted(second.Ticket));
        var third = b2b.ExpectMsg<StartSubscription>();
        Assert.Equal("sip:u3@elsewhere.org", third.Request.Presentity);
        b2b.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        router.Tell(new SubscriptionStarted(first.Ticket));
        Assert.Equal("sip:u4@elsewhere.org", b2b.ExpectMsg<StartSubscription>().Request.Presentity);
        Assert.Equal("sip:u4@elsewhere.org", b2b.ExpectMsg<UnsubscribePresence>().Presentity);
    }

    [Fact]
    public void A_start_never_confirmed_gives_its_place_to_the_next_after_the_start_timeout()
    {
        var router = Router(true, false, out var b2b, out _, starting: 1, startTimeout: TimeSpan.FromMilliseconds(300));

        router.Tell(Subscribe(1));
        router.Tell(Subscribe(2));

        b2b.ExpectMsg<StartSubscription>();
        Assert.Equal("sip:u2@elsewhere.org", b2b.ExpectMsg<StartSubscription>(TimeSpan.FromSeconds(3)).Request.Presentity);
    }

    [Fact]
    public void Subscriptions_go_to_the_b2b_ua_unless_the_agent_serves_the_domain_and_accepts_internal_subscriptions()
    {
        var router = Router(true, true, out var b2b, out var agent);

        router.Tell(new SubscribePresence("sip:bob@example.com", "sip:alice@example.com", TestActor));
        router.Tell(new SubscribePresence("sip:bob@elsewhere.org", "sip:alice@example.com", TestActor));
        router.Tell(new UnsubscribePresence("sip:bob@example.com", "sip:alice@example.com", TestActor));

        Assert.Equal("sip:bob@example.com", agent.ExpectMsg<SubscribePresence>().Presentity);
        Assert.Equal("sip:bob@elsewhere.org", b2b.ExpectMsg<StartSubscription>().Request.Presentity);
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
