using ClusterSip.Tests.Support;
using Akka.Actor;
using Akka.TestKit;
using ClusterSip.Presence.Agent;
using ClusterSip.Presence.Tests.Support;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;
using ClusterSip.Sip.Presence;
using ClusterSip.Sip.Stack.Routing;
using static ClusterSip.Presence.Tests.Agent.AgentRequests;

namespace ClusterSip.Presence.Tests.Agent;

public class PresentityActorTests : PresenceTestKit
{
    private readonly TestProbe _wire;
    private readonly TestProbe _shard;
    private readonly TestProbe _routeEvents;
    private IActorRef _agent = null!;

    public PresentityActorTests()
    {
        _wire = CreateTestProbe("wire");
        _shard = CreateTestProbe("shard");
        _routeEvents = CreateTestProbe("route-events");
        StartAgent();
    }

    private void StartAgent()
    {
        var props = PresentityActor.Props(Presentity, AgentRequests.Settings, new FakeRequestSender(_wire, Sys.Scheduler), new ProbeRouteEvents(_routeEvents));
        _agent = Sys.ActorOf(Props.Create(() => new ShardStub(props, _shard)));
    }

    private SipResponse Send(SipRequest request)
    {
        _agent.Tell(new AgentRequest(Presentity, request.ToBytes(), TestActor));
        return (SipResponse)SipParser.Parse(ExpectMsg<AgentResponse>(TimeSpan.FromSeconds(10)).Message);
    }

    private PresentityInfo Info()
    {
        _agent.Tell(new GetPresentity(Presentity), TestActor);
        return ExpectMsg<PresentityInfo>();
    }

    private static PidfBasic? BasicOf(FakeRequestSender.Sent notify) => PidfParser.Parse(notify.Request.Body.Span).Tuples.SingleOrDefault()?.Basic;

    [Fact]
    public void A_sip_watcher_is_notified_at_once_and_on_every_published_change()
    {
        Assert.Equal(200, Send(Publish(Pidf("open"))).StatusCode);
        Assert.Equal(200, Send(Subscribe()).StatusCode);
        Assert.Equal(PidfBasic.Open, BasicOf(_wire.ExpectMsg<FakeRequestSender.Sent>()));

        var etag = Send(Publish(Pidf("closed", "t2"))).Headers.Get("SIP-ETag");

        var notify = _wire.ExpectMsg<FakeRequestSender.Sent>();
        Assert.Equal(["t1", "t2"], PidfParser.Parse(notify.Request.Body.Span).Tuples.Select(t => t.Id));
        Assert.Null(notify.OutboundProxy);
        Assert.NotNull(etag);
    }

    [Fact]
    public void An_internal_subscriber_gets_the_state_at_once_and_each_change()
    {
        Send(Publish(Pidf("open")));
        _agent.Tell(new SubscribePresence(Presentity, "sip:alice@example.com", TestActor, WithPidf: true));
        var first = ExpectMsg<PresenceStatus>();
        Assert.Equal(PidfBasic.Open, first.Document.Tuples.Single().Basic);
        Assert.Contains("<basic>open</basic>", first.Pidf);

        _agent.Tell(new AgentRequest(Presentity, Publish(Pidf("closed")).ToBytes(), TestActor));

        Assert.Equal(PidfBasic.Closed, FishForMessage<PresenceStatus>(_ => true).Document.Tuples.Last().Basic);
    }

    [Fact]
    public void A_published_change_raises_presence_and_a_republish_of_the_same_status_does_not()
    {
        Send(Publish(Pidf("open"), expires: 60));
        var open = _routeEvents.ExpectMsg<RouteEvent>();
        Assert.Equal(PresenceEvent.Name, open.Name);
        Assert.Equal(new Dictionary<string, string> { ["presentity"] = Presentity, ["basic"] = "open", ["note"] = "", ["source"] = "agent" }, open.Attributes);

        Send(Publish(Pidf("open"), expires: 60));
        _routeEvents.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.Equal(400, Send(Publish("<presence>")).StatusCode);
        _routeEvents.ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        Scheduler.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal("closed", _routeEvents.ExpectMsg<RouteEvent>()[PresenceEvent.Basic]);
    }

    [Fact]
    public void A_malformed_publish_gets_400_and_watchers_hear_nothing()
    {
        Send(Publish(Pidf("open")));
        Send(Subscribe());
        _wire.ExpectMsg<FakeRequestSender.Sent>();

        Assert.Equal(400, Send(Publish("<presence>")).StatusCode);

        _wire.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.Equal(1, Info().Publications);
    }

    [Fact]
    public void An_expiring_publication_is_notified_and_a_watcher_refusing_a_notify_is_dropped()
    {
        Send(Publish(Pidf("open"), expires: 60));
        Send(Subscribe());
        _wire.ExpectMsg<FakeRequestSender.Sent>();

        Scheduler.Advance(TimeSpan.FromSeconds(60));
        var notify = _wire.ExpectMsg<FakeRequestSender.Sent>();
        Assert.Null(BasicOf(notify));

        Assert.Equal(1, Info().Watchers);
        notify.Answer(481, toTag: null);

        _shard.ExpectMsg<ShardStub.Passivated>();
    }

    [Fact]
    public void Publications_and_watchers_survive_the_loss_of_the_actor()
    {
        Send(Publish(Pidf("open")));
        Send(Subscribe());
        _wire.ExpectMsg<FakeRequestSender.Sent>();
        Watch(_agent);
        Sys.Stop(_agent);
        ExpectTerminated(_agent);

        StartAgent();
        var info = Info();

        Assert.Equal(1, info.Publications);
        Assert.Equal(1, info.Watchers);
        Assert.Equal(PidfBasic.Open, info.Composed.Tuples.Single().Basic);
        Send(Publish(Pidf("closed", "t2")));
        Assert.True(_wire.ExpectMsg<FakeRequestSender.Sent>().Request.CSeq!.Number > 1);
    }

    [Fact]
    public void Other_methods_get_405()
    {
        var options = Publish(Pidf("open"));
        var request = (SipRequest)SipParser.Parse(options.ToString().Replace("PUBLISH", "MESSAGE"));

        var response = Send(request);

        Assert.Equal(405, response.StatusCode);
        Assert.Equal("PUBLISH, SUBSCRIBE", response.Headers.Get("Allow"));
    }
}
