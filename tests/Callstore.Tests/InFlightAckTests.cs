using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Journal;
using Akka.TestKit.Xunit2;
using ClusterSip.Callstore.Cdr;
using ClusterSip.Callstore.Store;
using ClusterSip.Callstore.Tests.Support;
using ClusterSip.CallEvents;

namespace ClusterSip.Callstore.Tests;

/// <summary>
/// A dialog resends an event whose write is still in flight: the store must not acknowledge the copy before the event
/// is journaled, or a crash before the write commits loses an event its dialog will never send again (and the call
/// can never end: every later event waits for the missing one).
/// </summary>
public sealed class InFlightAckTests() : TestKit(ConfigurationFactory.ParseString($$"""
    akka.actor.provider = cluster
    akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
    akka.persistence.journal {
      plugin = "akka.persistence.journal.gated"
      gated.class = "{{typeof(GatedJournal).AssemblyQualifiedName}}"
    }
    akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
    """))
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public void A_copy_of_an_event_being_written_is_acknowledged_only_once_it_is_written()
    {
        var cluster = Cluster.Get(Sys);
        cluster.Join(cluster.SelfAddress);
        AwaitCondition(() => cluster.SelfMember.Status == MemberStatus.Up, Bound);
        var settings = new GroupStoreSettings(Instances.Of("cs1", 1, 1), TimeSpan.FromSeconds(10), 1000, TimeSpan.Zero,
            new CdrStore(() => throw new InvalidOperationException("no CDRs here")), new CallstoreStatistics(), "/user/none", StorePlugins.Default);
        var store = Sys.ActorOf(GroupStore.Props(settings));
        var initiated = new Calls("c-1", "example.com", NodeNames.Of(cluster.SelfAddress), DateTimeOffset.UtcNow).Initiated();

        store.Tell(initiated);
        store.Tell(initiated);
        store.Tell(new GetActiveCalls());

        // Neither the copy is acknowledged nor the snapshot answered while the write waits; once it is written the
        // event is acknowledged once, then the snapshot (which waits for what was published before it) follows.
        ExpectNoMsg(TimeSpan.FromSeconds(1));
        GatedJournal.Open();
        ExpectMsg(new CallEventAck("c-1", 1), Bound);
        Assert.Equal(1, ExpectMsg<ActiveCallsSnapshot>(Bound).Offset);
        store.Tell(initiated);
        ExpectMsg(new CallEventAck("c-1", 1), Bound);
    }

    /// <summary>An in-memory journal whose writes wait until <see cref="Open"/>: a write in flight for as long as the test likes.</summary>
    public sealed class GatedJournal : MemoryJournal
    {
        private static readonly TaskCompletionSource Gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public static void Open() => Gate.TrySetResult();

        protected override async Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
        {
            await Gate.Task;
            return await base.WriteMessagesAsync(messages, cancellationToken);
        }
    }
}
