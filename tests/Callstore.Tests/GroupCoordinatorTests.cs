using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using ClusterSip.Callstore.Cdr;
using ClusterSip.Callstore.Configuration;
using ClusterSip.Callstore.Election;
using ClusterSip.Callstore.Store;
using ClusterSip.Callstore.Tests.Support;

namespace ClusterSip.Callstore.Tests;

/// <summary>
/// A coordinator that takes over after its predecessor's node crashed (with the active store, as when the oldest
/// node hosts order 1) must not wait first-election-wait for the lowest order as at cluster start: its hosts tell it
/// the group has had an active instance.
/// </summary>
public sealed class GroupCoordinatorTests() : TestKit(ConfigurationFactory.ParseString($$"""
    akka.actor.provider = cluster
    akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
    akka.cluster.roles = ["{{CallstoreOptions.RoleOf(1)}}"]
    # A coordinator elects no store within this margin of its start (Akka's default is the resolver's stable-after, 20s).
    akka.cluster.down-removal-margin = 500ms
    """))
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan LongWait = TimeSpan.FromMinutes(10);

    [Fact]
    public void A_new_coordinator_elects_the_next_order_at_once_when_a_host_says_the_group_was_active()
    {
        var host = CreateTestProbe();
        Sys.ActorOf(Props.Create(() => new FakeHost(host, true)), GroupHost.NameOf(1));
        JoinSelf();

        Sys.ActorOf(GroupCoordinator.Props(1, lowestOrder: 1, firstElectionWait: LongWait));

        host.FishForMessage(m => m is StartActive, Bound);
    }

    [Fact]
    public void Once_a_store_is_active_every_host_is_told_so_for_the_coordinators_successor()
    {
        var host = CreateTestProbe();
        Sys.ActorOf(Props.Create(() => new FakeHost(host, false)), GroupHost.NameOf(1));
        JoinSelf();

        Sys.ActorOf(GroupCoordinator.Props(1, lowestOrder: 2, firstElectionWait: LongWait));

        Assert.False(host.ExpectMsg<Probe>(Bound).GroupWasActive);
        host.FishForMessage(m => m is StartActive, Bound);
        host.FishForMessage(m => m is Probe { GroupWasActive: true }, Bound);
    }

    [Fact]
    public void A_host_remembers_that_the_group_was_active()
    {
        var settings = new GroupStoreSettings(Instances.Of("cs2", 1, 2), TimeSpan.FromSeconds(10), 1000, TimeSpan.Zero,
            new CdrStore(() => throw new InvalidOperationException("no CDRs here")), new CallstoreStatistics(), "/user/none", StorePlugins.Default);
        var host = Sys.ActorOf(GroupHost.Props(settings));

        host.Tell(new Probe(1, GroupWasActive: true));
        Assert.True(ExpectMsg<HostStatus>(Bound).GroupWasActive);
        host.Tell(new Probe(1, GroupWasActive: false));
        Assert.Equal(("cs2", 2, null, true), ExpectMsg<HostStatus>(Bound) switch { var s => (s.Instance, s.Order, s.Store, s.GroupWasActive) });
    }

    private void JoinSelf()
    {
        var cluster = Cluster.Get(Sys);
        cluster.Join(cluster.SelfAddress);
        AwaitCondition(() => cluster.SelfMember.Status == MemberStatus.Up, Bound);
    }

    /// <summary>The order-2 host of group 1: reports to <paramref name="probe"/> what it is told and answers as a host does.</summary>
    private sealed class FakeHost : ReceiveActor
    {
        public FakeHost(IActorRef probe, bool groupWasActive)
        {
            Receive<Probe>(p =>
            {
                probe.Forward(p);
                Sender.Tell(new HostStatus(1, "cs2", 2, null, groupWasActive || p.GroupWasActive));
            });
            Receive<StartActive>(s =>
            {
                probe.Forward(s);
                Sender.Tell(new Activated(1, Self));
            });
            ReceiveAny(probe.Forward);
        }
    }
}
