using ClusterSip.Presence.B2b;
using ClusterSip.Presence.Tests.Support;

namespace ClusterSip.Presence.Tests.B2b;

public class RefreshTests : B2bTestKit
{
    [Fact]
    public void The_refresh_goes_resubscribe_delta_before_a_granted_expiry_shorter_than_asked_and_within_the_dialog()
    {
        var first = Subscribe();
        first.Answer(200, "Expires: 600\r\nContact: <sip:pa@10.0.0.7:5070>\r\nRecord-Route: <sip:rr2.example.com;lr>, <sip:rr1.example.com;lr>");

        Advance(569);
        ExpectNothingSent();
        Advance(1);
        var refresh = Wire.ExpectMsg<FakeRequestSender.Sent>().Request;

        Assert.Equal("sip:pa@10.0.0.7:5070", refresh.RequestUri.ToString());
        Assert.Equal("pa-tag", refresh.To!.Tag);
        Assert.Equal(first.Request.From!.Tag, refresh.From!.Tag);
        Assert.Equal(first.Request.CallId, refresh.CallId);
        Assert.Equal(2u, refresh.CSeq!.Number);
        Assert.Equal(3600, refresh.Expires);
        Assert.Equal(["<sip:rr1.example.com;lr>", "<sip:rr2.example.com;lr>"], refresh.Routes.Select(r => r.ToString()));
        Assert.Equal("b2b", refresh.Headers.Get("X-Presence"));
    }

    [Fact]
    public void A_refresh_never_goes_sooner_than_min_resubscribe_time_after_the_previous_subscribe()
    {
        Subscribe(Defaults with { MinResubscribeTime = TimeSpan.FromSeconds(55), ResubscribeDelta = TimeSpan.FromSeconds(15) })
            .Answer(200, "Expires: 40");

        Advance(54);
        ExpectNothingSent();
        Advance(1);
        Wire.ExpectMsg<FakeRequestSender.Sent>();
    }

    [Fact]
    public void An_expiry_in_the_notify_subscription_state_reschedules_the_refresh()
    {
        var first = Subscribe();
        first.Answer(200, "Expires: 3600");
        Advance(10);
        Assert.IsType<NotifyHandled>(Notify(Notifies.For(first.Request, "active;expires=300")));

        Advance(269);
        ExpectNothingSent();
        Advance(1);
        Assert.Equal(2u, Wire.ExpectMsg<FakeRequestSender.Sent>().Request.CSeq!.Number);
    }

    [Fact]
    public void Each_refresh_is_scheduled_from_its_own_2xx()
    {
        Subscribe().Answer(200, "Expires: 100");
        Advance(70);
        var refresh = Wire.ExpectMsg<FakeRequestSender.Sent>();
        refresh.Answer(200, "Expires: 200");

        Advance(169);
        ExpectNothingSent();
        Advance(1);
        Assert.Equal(3u, Wire.ExpectMsg<FakeRequestSender.Sent>().Request.CSeq!.Number);
    }

    [Fact]
    public void A_2xx_without_expires_counts_as_the_expiry_asked_for()
    {
        Subscribe(Defaults with { DefaultExpiration = 667 }).Answer(200);

        Advance(636);
        ExpectNothingSent();
        Advance(1);
        Wire.ExpectMsg<FakeRequestSender.Sent>();
        Assert.Equal(SubscriptionPhase.Active, Info().Phase);
    }
}
