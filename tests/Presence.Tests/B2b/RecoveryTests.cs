using Akka.Actor;
using ClusterSip.Presence.B2b;
using ClusterSip.Presence.Tests.Support;

namespace ClusterSip.Presence.Tests.B2b;

public class RecoveryTests : B2bTestKit
{
    [Fact]
    public void A_subscription_recreated_after_its_actor_was_lost_subscribes_afresh_and_keeps_notifying_its_watchers()
    {
        var first = Subscribe();
        first.Answer(200, "Expires: 3600");
        Watch(Subscription);
        Sys.Stop(Subscription);
        ExpectTerminated(Subscription);

        Start();
        Subscription.Tell(new GetSubscription(Key));
        var again = Wire.ExpectMsg<FakeRequestSender.Sent>();
        Assert.NotEqual(first.Request.CallId, again.Request.CallId);
        Notify(Notifies.For(again.Request, "active", Notifies.Pidf("open")));

        Watcher.ExpectMsg<PresenceStatus>();
    }

    [Fact]
    public void A_subscription_without_watchers_is_not_recreated_with_sip()
    {
        var first = Subscribe();
        first.Answer(404);
        Subscription.Tell(new UnsubscribePresence(Presentity, Subscriber, Watcher));
        ShardEvents.ExpectMsg<ShardStub.Passivated>();

        Start();
        Assert.Equal(SubscriptionPhase.Idle, Info().Phase);
        ExpectNothingSent();
    }
}
