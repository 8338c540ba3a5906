using Akka.Actor;
using Akka.TestKit.Xunit2;
using ClusterSip.Callstore.Domains;
using ClusterSip.Callstore.Routing;
using ClusterSip.Callstore.Tests.Support;
using ClusterSip.CallEvents;

namespace ClusterSip.Callstore.Tests;

public sealed class CallstoreRouterTests : TestKit
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public void An_event_goes_to_the_group_serving_its_domain_with_the_dialog_as_sender()
    {
        var group = CreateTestProbe();
        var dialog = CreateTestProbe();
        var router = Router(group);

        var e = new Calls("c-1", "a.example.com", "node", DateTimeOffset.UnixEpoch).Initiated();
        router.Tell(e, dialog);

        Assert.Equal(e, group.ExpectMsg<CallInitiated>(Bound));
        Assert.Equal(dialog.Ref, group.LastSender);
        dialog.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void An_event_of_a_domain_no_group_serves_is_acknowledged_and_dropped_so_its_dialog_stops_resending_it()
    {
        var group = CreateTestProbe();
        var dialog = CreateTestProbe();
        var router = Router(group);

        var call = new Calls("c-2", "other.org", "node", DateTimeOffset.UnixEpoch);
        router.Tell(call.Initiated(), dialog);
        router.Tell(call.Forked("1", "sip:bob@192.0.2.4", 0.1), dialog);

        Assert.Equal(new CallEventAck("c-2", 1), dialog.ExpectMsg<CallEventAck>(Bound));
        Assert.Equal(new CallEventAck("c-2", 2), dialog.ExpectMsg<CallEventAck>(Bound));
        group.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    private IActorRef Router(Akka.TestKit.TestProbe group) =>
        Sys.ActorOf(CallstoreRouter.Props(DomainTree.Of([Instances.Of("cs1", 1, 1, domains: ["example.com"])]), new Dictionary<int, IActorRef> { [1] = group.Ref }));
}
