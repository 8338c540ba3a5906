using Akka.TestKit;

namespace ClusterSip.Presence.Tests.Support;

/// <summary>An ActorSystem with virtual time and an in-memory journal.</summary>
public abstract class PresenceTestKit() : Akka.TestKit.Xunit2.TestKit(
    """
    akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit"
    akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
    akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.local"
    akka.persistence.snapshot-store.local.dir = "target/snapshots-presence-tests"
    """)
{
    protected TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;
}
