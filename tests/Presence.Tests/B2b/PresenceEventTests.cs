using ClusterSip.Presence.Tests.Support;
using ClusterSip.Sip.Stack.Routing;

namespace ClusterSip.Presence.Tests.B2b;

/// <summary>The route event PRESENCE raised by a B2B subscription: once per status change, not per NOTIFY.</summary>
public class PresenceEventTests : B2bTestKit
{
    [Fact]
    public void A_notify_with_a_new_status_raises_presence_and_a_refresh_notify_with_the_same_status_does_not()
    {
        var first = Subscribe();
        first.Answer(200, "Expires: 3600");

        Notify(Notifies.For(first.Request, "active", Notifies.Pidf("open")));
        var open = RouteEvents.ExpectMsg<RouteEvent>();
        Assert.Equal(PresenceEvent.Name, open.Name);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["presentity"] = Presentity, ["basic"] = "open", ["note"] = "lunch", ["source"] = "b2b", ["subscriber"] = Subscriber,
            },
            open.Attributes);

        Notify(Notifies.For(first.Request, "active;expires=3000", Notifies.Pidf("open"), cseq: 2));
        RouteEvents.ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        Notify(Notifies.For(first.Request, "active", Notifies.Pidf("closed"), cseq: 3));
        Assert.Equal("closed", RouteEvents.ExpectMsg<RouteEvent>()[PresenceEvent.Basic]);
    }

    [Fact]
    public void A_notify_with_a_malformed_body_raises_nothing()
    {
        var first = Subscribe();
        first.Answer(200, "Expires: 3600");

        Notify(Notifies.For(first.Request, "active", "<presence"));

        RouteEvents.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }
}
