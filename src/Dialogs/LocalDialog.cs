using Akka.Actor;

namespace ClusterSip.Dialogs;

/// <summary>
/// A dialog of this node as its <see cref="DialogRegistry"/> keeps it: the actor that every input from this node is
/// told to, and its <see cref="Dialog"/>, whose summary is made only when the management API asks.
/// </summary>
public sealed class LocalDialog(IActorRef actor, Dialog dialog)
{
    public IActorRef Actor { get; } = actor;

    public string CallId => dialog.Start.CallId;

    public DialogSummary Summary() => dialog.Summary();
}
