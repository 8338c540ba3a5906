using ClusterSip.Presence.B2b;
using ClusterSip.Presence.Tests.Support;
using ClusterSip.Sip.Presence;

namespace ClusterSip.Presence.Tests.B2b;

public class NotifyTests : B2bTestKit
{
    [Fact]
    public void A_notify_before_the_2xx_confirms_the_dialog_and_delivers_the_status()
    {
        var first = Subscribe(withPidf: true);

        Assert.IsType<NotifyHandled>(Notify(Notifies.For(first.Request, "active;expires=3600", Notifies.Pidf("open"), fromTag: "notifier")));
        var status = Watcher.ExpectMsg<PresenceStatus>();
        Assert.Equal(Presentity, status.Presentity);
        Assert.Equal(Subscriber, status.Subscriber);
        Assert.Equal(PidfBasic.Open, status.Document.Tuples.Single().Basic);
        Assert.Equal("sip:bob@10.0.0.5", status.Document.Tuples.Single().Contact!.Uri);
        Assert.Equal("lunch", status.Document.Notes.Single().Text);
        Assert.Contains("<basic>open</basic>", status.Pidf);

        first.Answer(200, "Expires: 100", toTag: "notifier");
        Advance(70);
        var refresh = Wire.ExpectMsg<FakeRequestSender.Sent>().Request;
        Assert.Equal("notifier", refresh.To!.Tag);
        Assert.Equal("sip:pa@127.0.0.1:5070", refresh.RequestUri.ToString());
    }

    [Fact]
    public void Every_notify_brings_the_new_status_without_the_raw_pidf_unless_asked()
    {
        var first = Subscribe();
        first.Answer(200, "Expires: 3600");

        Notify(Notifies.For(first.Request, "active", Notifies.Pidf("open")));
        Assert.Null(Watcher.ExpectMsg<PresenceStatus>().Pidf);
        Notify(Notifies.For(first.Request, "active", Notifies.Pidf("closed"), cseq: 2));

        Assert.Equal(PidfBasic.Closed, Watcher.ExpectMsg<PresenceStatus>().Document.Tuples.Single().Basic);
        Assert.Equal(PidfBasic.Closed, Info().LastStatus!.Document.Tuples.Single().Basic);
    }

    [Fact]
    public void A_notify_of_another_dialog_is_not_matched()
    {
        var first = Subscribe();
        first.Answer(200, "Expires: 3600");

        Assert.IsType<NotifyNotMatched>(Notify(Notifies.For(first.Request, "active", callId: "other-call")));
        Assert.IsType<NotifyNotMatched>(Notify(Notifies.For(first.Request, "active", fromTag: "someone-else")));
        Watcher.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_notify_with_a_malformed_body_is_accepted_and_ignored_and_the_next_one_still_counts()
    {
        var first = Subscribe();
        first.Answer(200, "Expires: 3600");

        Assert.IsType<NotifyHandled>(Notify(Notifies.For(first.Request, "active", "<presence><tuple")));
        Watcher.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.IsType<NotifyHandled>(Notify(Notifies.For(first.Request, "active", Notifies.Pidf("open"), cseq: 2)));
        Watcher.ExpectMsg<PresenceStatus>();
    }

    [Fact]
    public void A_notify_without_a_body_is_accepted_and_delivers_nothing()
    {
        var first = Subscribe();

        Assert.IsType<NotifyHandled>(Notify(Notifies.For(first.Request, "pending;expires=3600")));
        Watcher.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Theory]
    [InlineData("terminated;reason=deactivated", 0)]
    [InlineData("terminated;reason=timeout", 0)]
    [InlineData("terminated;reason=probation;retry-after=50", 50)]
    [InlineData("terminated;reason=giveup", 120)]
    [InlineData("terminated", 120)]
    public void A_terminated_subscription_is_made_again_when_the_reason_allows_it(string state, int after)
    {
        var first = Subscribe();
        first.Answer(200, "Expires: 3600");

        Assert.IsType<NotifyHandled>(Notify(Notifies.For(first.Request, state)));
        if (after > 0)
        {
            Advance(after - 1);
            ExpectNothingSent();
        }

        Advance(1);
        var again = Wire.ExpectMsg<FakeRequestSender.Sent>().Request;
        Assert.NotEqual(first.Request.CallId, again.CallId);
    }

    [Theory]
    [InlineData("terminated;reason=rejected")]
    [InlineData("terminated;reason=noresource")]
    [InlineData("terminated;reason=invariant")]
    public void A_terminated_subscription_whose_reason_forbids_a_retry_ends_and_tells_the_watcher(string state)
    {
        var first = Subscribe();
        first.Answer(200, "Expires: 3600");

        Notify(Notifies.For(first.Request, state));

        Assert.Contains(state.Split('=')[1], Watcher.ExpectMsg<PresenceSubscriptionEnded>().Reason);
        ShardEvents.ExpectMsg<ShardStub.Passivated>();
        Scheduler.Advance(TimeSpan.FromHours(2));
        ExpectNothingSent();
    }
}
