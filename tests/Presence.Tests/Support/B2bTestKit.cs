using ClusterSip.Tests.Support;
using Akka.Actor;
using Akka.TestKit;
using ClusterSip.Presence.B2b;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Presence.Tests.Support;

/// <summary>A B2B subscription under virtual time, its SUBSCRIBEs captured by a fake sender, its status sent to a watcher probe.</summary>
public abstract class B2bTestKit : PresenceTestKit
{
    public const string Presentity = "sip:bob@example.com";
    public const string Subscriber = "sip:alice@example.com";

    /// <summary>The seed's defaults, with a presence_route and a header so tests can see where they go.</summary>
    public static readonly PresenceB2bSettings Defaults = new(
        DefaultExpiration: 3600,
        OnErrorRetryTime: TimeSpan.FromSeconds(120),
        PresenceRoute: NameAddress.Parse("<sip:my-sip-server.domain.com;lr>"),
        AdditionalPresenceHeaders: [new SipHeader("X-Presence", "b2b")],
        WaitForTermNotify: TimeSpan.FromSeconds(30),
        ResubscribeDelta: TimeSpan.FromSeconds(30),
        MinResubscribeTime: TimeSpan.FromSeconds(30),
        HandlePresenceSubscriptions: true,
        PresenceOutboundProxy: null,
        MaxSubscribeDelay: TimeSpan.Zero,
        LocalContact: AnyUri.Parse("sip:127.0.0.1:5060"),
        StartingSubscriptions: 256);

    protected TestProbe Wire { get; private set; } = null!;

    protected TestProbe Watcher { get; private set; } = null!;

    protected TestProbe ShardEvents { get; private set; } = null!;

    /// <summary>The route events the subscription raises.</summary>
    protected TestProbe RouteEvents { get; private set; } = null!;

    protected IActorRef Subscription { get; private set; } = null!;

    protected string Key { get; } = SubscriptionKey.TryOf(Presentity, Subscriber).Key!;

    protected LocalSubscriptionDialogs Dialogs { get; } = new();

    protected IActorRef Start(PresenceB2bSettings? settings = null, string? name = null)
    {
        Wire ??= CreateTestProbe("wire");
        Watcher ??= CreateTestProbe("watcher");
        ShardEvents ??= CreateTestProbe("shard");
        RouteEvents ??= CreateTestProbe("route-events");
        var props = SubscriptionActor.Props(Key, settings ?? Defaults, new FakeRequestSender(Wire, Sys.Scheduler), Dialogs, new ProbeRouteEvents(RouteEvents));
        Subscription = Sys.ActorOf(Props.Create(() => new ShardStub(props, ShardEvents)), name ?? "sub-" + Guid.NewGuid().ToString("N"));
        return Subscription;
    }

    protected FakeRequestSender.Sent Subscribe(PresenceB2bSettings? settings = null, bool withPidf = false)
    {
        Start(settings);
        Subscription.Tell(new SubscribePresence(Presentity, Subscriber, Watcher, withPidf));
        return Wire.ExpectMsg<FakeRequestSender.Sent>();
    }

    /// <summary>Waits until the subscription has handled everything sent to it so far, so time can be advanced.</summary>
    protected SubscriptionInfo Info()
    {
        Subscription.Tell(new GetSubscription(Key), TestActor);
        return ExpectMsg<SubscriptionInfo>();
    }

    protected void Advance(double seconds)
    {
        Info();
        Scheduler.Advance(TimeSpan.FromSeconds(seconds));
    }

    protected object Notify(SipRequest notify)
    {
        Subscription.Tell(IncomingNotify.Of(notify, TestActor)!);
        return ExpectMsg<object>();
    }

    protected void ExpectNothingSent() => Wire.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
}
