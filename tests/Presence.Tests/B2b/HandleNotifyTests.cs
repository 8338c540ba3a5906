using Akka.Actor;
using ClusterSip.Presence.B2b;
using ClusterSip.Presence.Tests.Support;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;

namespace ClusterSip.Presence.Tests.B2b;

public class HandleNotifyTests : B2bTestKit
{
    [Fact]
    public void A_notify_of_an_unconfirmed_or_confirmed_subscription_of_this_node_is_handled_and_delivered()
    {
        var first = Subscribe();

        Assert.True(Dialogs.HandleNotify(Notifies.For(first.Request, "active;expires=3600", Notifies.Pidf("open"))));
        Watcher.ExpectMsg<PresenceStatus>();
        first.Answer(200, "Expires: 3600");
        Assert.True(Dialogs.HandleNotify(Notifies.For(first.Request, "active;expires=3600", Notifies.Pidf("closed"), cseq: 2)));
        Watcher.ExpectMsg<PresenceStatus>();
    }

    [Fact]
    public void An_unknown_notify_is_not_handled_so_the_script_answers_481()
    {
        var first = Subscribe();

        Assert.False(Dialogs.HandleNotify(Notifies.For(first.Request, "active", callId: "unknown")));
        var otherTag = Notifies.For(first.Request, "active");
        otherTag.Headers.Set("To", "<sip:alice@example.com>;tag=not-ours");
        Assert.False(Dialogs.HandleNotify((SipRequest)SipParser.Parse(otherTag.ToBytes())));
        Watcher.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_notify_is_not_handled_once_the_subscription_ended()
    {
        var first = Subscribe();
        first.Answer(404);
        Info();

        Assert.False(Dialogs.HandleNotify(Notifies.For(first.Request, "active")));
    }

    [Fact]
    public void Ending_a_subscription_tells_its_watchers_and_unsubscribes()
    {
        Subscribe().Answer(200, "Expires: 3600");

        Subscription.Tell(new EndSubscription(Key, "deleted through the management API"));

        Assert.Equal("deleted through the management API", Watcher.ExpectMsg<PresenceSubscriptionEnded>().Reason);
        Assert.Equal(0, Wire.ExpectMsg<FakeRequestSender.Sent>().Request.Expires);
    }
}
