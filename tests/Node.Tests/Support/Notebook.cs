using Akka.Actor;
using Akka.Persistence;

namespace ClusterSip.Node.Tests.Support;

/// <summary>A tiny event-sourced actor: each note written is an event; reading returns the notes recovered so far.</summary>
public sealed class Notebook : ReceivePersistentActor
{
    public sealed record Write(string Note);

    public sealed record Written(string Note);

    public sealed record Read;

    private readonly List<string> _notes = [];

    public Notebook(string persistenceId)
    {
        PersistenceId = persistenceId;
        Recover<string>(note => _notes.Add(note));
        Command<Write>(write => Persist(write.Note, note =>
        {
            _notes.Add(note);
            Sender.Tell(new Written(note));
        }));
        Command<Read>(_ => Sender.Tell(_notes.ToArray()));
    }

    public override string PersistenceId { get; }
}
