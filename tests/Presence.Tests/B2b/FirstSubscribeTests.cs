using Akka.Actor;
using ClusterSip.Presence.B2b;
using ClusterSip.Presence.Tests.Support;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Presence.Tests.B2b;

public class FirstSubscribeTests : B2bTestKit
{
    [Fact]
    public void The_first_subscribe_carries_the_seed_headers_and_presence_route()
    {
        var sent = Subscribe();
        var r = sent.Request;

        Assert.Equal("SUBSCRIBE", r.Method);
        Assert.Equal(Presentity, r.RequestUri.ToString());
        Assert.Equal("presence", r.Headers.Get("Event"));
        Assert.Equal("application/pidf+xml", r.Headers.Get("Accept"));
        Assert.Equal(3600, r.Expires);
        Assert.Equal(Subscriber, r.From!.Uri.ToString());
        Assert.NotNull(r.From.Tag);
        Assert.Equal(Presentity, r.To!.Uri.ToString());
        Assert.Null(r.To.Tag);
        Assert.Equal(["<sip:my-sip-server.domain.com;lr>"], r.Headers.GetAll("Route"));
        Assert.Equal("b2b", r.Headers.Get("X-Presence"));
        Assert.Equal("<sip:127.0.0.1:5060>", r.Headers.Get("Contact"));
        Assert.Equal(1u, r.CSeq!.Number);
        Assert.Null(sent.OutboundProxy);
    }

    [Fact]
    public void A_start_let_through_by_the_router_is_confirmed_once_its_watcher_is_journaled_and_subscribes()
    {
        Start();
        Subscription.Tell(new StartSubscription(new SubscribePresence(Presentity, Subscriber, Watcher), 7, TestActor));

        Assert.Equal(7, ExpectMsg<SubscriptionStarted>().Ticket);
        Assert.Equal("SUBSCRIBE", Wire.ExpectMsg<FakeRequestSender.Sent>().Request.Method);
    }

    [Fact]
    public void An_outbound_proxy_takes_every_subscribe()
    {
        var sent = Subscribe(Defaults with { PresenceOutboundProxy = AnyUri.Parse("sip:proxy.example.com:5070"), PresenceRoute = null });

        Assert.Equal("sip:proxy.example.com:5070", sent.OutboundProxy!.ToString());
        Assert.Empty(sent.Request.Headers.GetAll("Route"));
    }

    [Fact]
    public void Without_route_or_proxy_the_subscribe_goes_to_the_presentity()
    {
        var sent = Subscribe(Defaults with { PresenceRoute = null, AdditionalPresenceHeaders = [] });

        Assert.Null(sent.OutboundProxy);
        Assert.Empty(sent.Request.Routes);
        Assert.Equal(Presentity, sent.Request.RequestUri.ToString());
        Assert.Null(sent.Request.Headers.Get("X-Presence"));
    }

    [Fact]
    public void Max_subscribe_delay_spreads_first_subscribes_over_that_many_seconds()
    {
        var settings = Defaults with { MaxSubscribeDelay = TimeSpan.FromSeconds(60) };
        var subscriptions = new List<IActorRef>();
        for (var i = 0; i < 10; i++)
        {
            subscriptions.Add(Start(settings));
            Subscription.Tell(new SubscribePresence(Presentity, Subscriber, Watcher));
            Info();
        }

        ExpectNothingSent();
        var secondsOfSends = new List<int>();
        for (var second = 1; second <= 60; second++)
        {
            Scheduler.Advance(TimeSpan.FromSeconds(1));
            foreach (var subscription in subscriptions)
            {
                subscription.Tell(new GetSubscription(Key), TestActor);
                ExpectMsg<SubscriptionInfo>();
            }

            while (Wire.HasMessages)
            {
                Wire.ExpectMsg<FakeRequestSender.Sent>();
                secondsOfSends.Add(second);
            }
        }

        Assert.Equal(10, secondsOfSends.Count);
        Assert.True(secondsOfSends.Distinct().Count() > 1, "all SUBSCRIBEs went in the same second");
    }

    [Fact]
    public void A_second_watcher_shares_the_subscription_and_gets_the_last_status_at_once()
    {
        var sent = Subscribe();
        sent.Answer(200, "Expires: 3600\r\nContact: <sip:pa@127.0.0.1:5070>");
        Notify(Notifies.For(sent.Request, "active;expires=3600", Notifies.Pidf("open")));
        Watcher.ExpectMsg<PresenceStatus>();

        var second = CreateTestProbe();
        Subscription.Tell(new SubscribePresence(Presentity, Subscriber, second, WithPidf: true));

        var status = second.ExpectMsg<PresenceStatus>();
        Assert.Contains("<basic>open</basic>", status.Pidf);
        ExpectNothingSent();
        Assert.Equal(2, Info().Watchers);
    }

    [Fact]
    public void A_423_is_answered_with_a_subscribe_for_the_min_expires()
    {
        var sent = Subscribe();
        sent.Answer(423, "Min-Expires: 7200");

        var again = Wire.ExpectMsg<FakeRequestSender.Sent>();
        Assert.Equal(7200, again.Request.Expires);
        Assert.Equal(sent.Request.CallId, again.Request.CallId);
        Assert.Equal(2u, again.Request.CSeq!.Number);
    }
}
