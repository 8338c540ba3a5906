using ClusterSip.Tests.Support;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.Singleton;
using Akka.Configuration;
using Akka.Persistence.Sql;
using Akka.TestKit;
using ClusterSip.Presence.B2b;
using ClusterSip.Presence.Tests.Support;

namespace ClusterSip.Presence.Tests.B2b;

/// <summary>
/// Two cluster nodes in one process sharing a SQLite journal: a subscription whose node crashes is re-created on the
/// other node by sharding's remembered entities, subscribes afresh and keeps notifying its watcher.
/// </summary>
public sealed class NodeLossTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TempDirectory Data = new("presence-node-loss");
    private static readonly string Database = Path.Combine(Data.Path, "journal.db");

    public NodeLossTests()
        : base(NodeConfig(crashable: false), "presence")
    {
    }

    [Fact]
    public async Task A_subscription_survives_the_crash_of_its_node()
    {
        var crashing = ActorSystem.Create("presence", NodeConfig(crashable: true));
        try
        {
            var survivor = Cluster.Get(Sys);
            Cluster.Get(crashing).Join(Cluster.Get(crashing).SelfAddress);
            survivor.Join(Cluster.Get(crashing).SelfAddress);
            await AwaitConditionAsync(async () => await Task.FromResult( survivor.State.Members.Count(m => m.Status == MemberStatus.Up) == 2), TimeSpan.FromSeconds(30));

            var wireOnCrashing = CreateTestProbe();
            var region = StartRegion(crashing, wireOnCrashing);
            var watcher = CreateTestProbe();
            region.Tell(new SubscribePresence(B2bTestKit.Presentity, B2bTestKit.Subscriber, watcher));
            var first = await wireOnCrashing.ExpectMsgAsync<FakeRequestSender.Sent>(TimeSpan.FromSeconds(30));
            first.Answer(200, "Expires: 3600");

            var wireOnSurvivor = CreateTestProbe();
            StartRegion(Sys, wireOnSurvivor);
            await crashing.Terminate().WaitAsync(TimeSpan.FromSeconds(30));
            survivor.Down(Cluster.Get(crashing).SelfAddress);

            var again = await wireOnSurvivor.ExpectMsgAsync<FakeRequestSender.Sent>(TimeSpan.FromSeconds(60));
            Assert.NotEqual(first.Request.CallId, again.Request.CallId);
            again.Answer(200, "Expires: 3600");
            var notify = IncomingNotify.Of(Notifies.For(again.Request, "active;expires=3600", Notifies.Pidf("open")), TestActor)!;
            ClusterSharding.Get(Sys).ShardRegion(PresenceSharding.SubscriptionsTypeName).Tell(notify);
            await ExpectMsgAsync<NotifyHandled>(TimeSpan.FromSeconds(10));
            Assert.Equal(B2bTestKit.Presentity, (await watcher.ExpectMsgAsync<PresenceStatus>(TimeSpan.FromSeconds(10))).Presentity);
        }
        finally
        {
            await crashing.Terminate().WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Data.Dispose();
    }

    private static IActorRef StartRegion(ActorSystem system, TestProbe wire) =>
        PresenceSharding.StartSubscriptions(system, B2bTestKit.Defaults with { PresenceRoute = null }, new FakeRequestSender(wire, system.Scheduler), new LocalSubscriptionDialogs(), new ProbeRouteEvents(ActorRefs.Nobody), ClusterShardingSettings.Create(system));

    private static Config NodeConfig(bool crashable) =>
        ConfigurationFactory.ParseString($$"""
            akka {
              actor.provider = cluster
              remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
              cluster {
                downing-provider-class = ""
                run-coordinated-shutdown-when-down = off
                sharding { state-store-mode = persistence, remember-entities-store = eventsourced, distributed-data.durable.keys = [] }
              }
              coordinated-shutdown.run-by-actor-system-terminate = {{(crashable ? "off" : "on")}}
              persistence {
                journal { plugin = "akka.persistence.journal.sql"
                  sql { connection-string = "Data Source={{Database}}", provider-name = "SQLite.MS", auto-initialize = on } }
                snapshot-store { plugin = "akka.persistence.snapshot-store.sql"
                  sql { connection-string = "Data Source={{Database}}", provider-name = "SQLite.MS", auto-initialize = on } }
              }
            }
            """)
            .WithFallback(ClusterSharding.DefaultConfig())
            .WithFallback(ClusterSingleton.DefaultConfig())
            .WithFallback(Akka.DistributedData.DistributedData.DefaultConfig())
            .WithFallback(SqlPersistence.DefaultConfiguration);
}
