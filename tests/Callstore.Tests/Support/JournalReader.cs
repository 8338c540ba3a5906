using Akka.Actor;
using Akka.Persistence;
using ClusterSip.CallEvents;

namespace ClusterSip.Callstore.Tests.Support;

/// <summary>Replays a group's whole journal (ignoring snapshots) and sends the (sequence number, event) pairs to its parent's asker.</summary>
public sealed class JournalReader : ReceivePersistentActor
{
    private readonly List<(long SequenceNr, CallEvent Event)> _events = [];

    public JournalReader(string persistenceId, IActorRef replyTo)
    {
        PersistenceId = persistenceId;
        Recover<CallEvent>(e => _events.Add((LastSequenceNr, e)));
        Recover<RecoveryCompleted>(_ =>
        {
            replyTo.Tell(new JournalContents(_events));
            Context.Stop(Self);
        });
    }

    public override string PersistenceId { get; }

    public override Recovery Recovery => new(SnapshotSelectionCriteria.None);
}

public sealed record JournalContents(IReadOnlyList<(long SequenceNr, CallEvent Event)> Events);

/// <summary>Reads a group's journal as it is on disk.</summary>
public static class Journal
{
    public static async Task<IReadOnlyList<(long SequenceNr, CallEvent Event)>> ReadAsync(ActorSystem system, string persistenceId)
    {
        var inbox = Inbox.Create(system);
        system.ActorOf(Props.Create(() => new JournalReader(persistenceId, inbox.Receiver)));
        return ((JournalContents)await inbox.ReceiveAsync(TimeSpan.FromSeconds(60))).Events;
    }

}
