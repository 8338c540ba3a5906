using Akka.Actor;
using ClusterSip.Presence.B2b;
using ClusterSip.Presence.Tests.Support;

namespace ClusterSip.Presence.Tests.B2b;

public class UnsubscribeTests : B2bTestKit
{
    private FakeRequestSender.Sent Unsubscribe()
    {
        var first = Subscribe();
        first.Answer(200, "Expires: 3600");
        Subscription.Tell(new UnsubscribePresence(Presentity, Subscriber, Watcher));
        return Wire.ExpectMsg<FakeRequestSender.Sent>();
    }

    [Fact]
    public void The_last_watcher_leaving_sends_expires_0_within_the_dialog()
    {
        var unsubscribe = Unsubscribe().Request;

        Assert.Equal(0, unsubscribe.Expires);
        Assert.Equal("pa-tag", unsubscribe.To!.Tag);
        Assert.Equal(SubscriptionPhase.Unsubscribing, Info().Phase);
    }

    [Fact]
    public void The_terminating_notify_ends_the_subscription()
    {
        var unsubscribe = Unsubscribe();
        unsubscribe.Answer(200, "Expires: 0");

        Assert.IsType<NotifyHandled>(Notify(Notifies.For(unsubscribe.Request, "terminated;reason=timeout", Notifies.Pidf("closed"), cseq: 2)));

        ShardEvents.ExpectMsg<ShardStub.Passivated>();
        Scheduler.Advance(TimeSpan.FromHours(2));
        ExpectNothingSent();
    }

    [Fact]
    public void Without_a_terminating_notify_the_subscription_is_destroyed_after_wait_for_term_notify()
    {
        Unsubscribe().Answer(200, "Expires: 0");

        Advance(29);
        ShardEvents.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Advance(1);
        ShardEvents.ExpectMsg<ShardStub.Passivated>();
    }

    [Fact]
    public void An_error_reply_to_the_unsubscribe_ends_it_at_once()
    {
        Unsubscribe().Answer(481);

        ShardEvents.ExpectMsg<ShardStub.Passivated>();
    }

    [Fact]
    public void Leaving_while_the_first_subscribe_is_unanswered_unsubscribes_once_it_is_answered()
    {
        var first = Subscribe();
        Subscription.Tell(new UnsubscribePresence(Presentity, Subscriber, Watcher));
        Info();
        ExpectNothingSent();

        first.Answer(200, "Expires: 3600");

        Assert.Equal(0, Wire.ExpectMsg<FakeRequestSender.Sent>().Request.Expires);
    }

    [Fact]
    public void Leaving_while_waiting_to_retry_ends_at_once_without_sip()
    {
        Subscribe().Answer(404);
        Subscription.Tell(new UnsubscribePresence(Presentity, Subscriber, Watcher));

        ShardEvents.ExpectMsg<ShardStub.Passivated>();
        Scheduler.Advance(TimeSpan.FromSeconds(300));
        ExpectNothingSent();
    }

    [Fact]
    public void One_of_two_watchers_leaving_keeps_the_subscription()
    {
        var first = Subscribe();
        first.Answer(200, "Expires: 3600");
        var other = CreateTestProbe();
        Subscription.Tell(new SubscribePresence(Presentity, Subscriber, other));
        Subscription.Tell(new UnsubscribePresence(Presentity, Subscriber, Watcher));

        Assert.Equal(1, Info().Watchers);
        ExpectNothingSent();
        Notify(Notifies.For(first.Request, "active", Notifies.Pidf("open")));
        other.ExpectMsg<PresenceStatus>();
        Watcher.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }
}
