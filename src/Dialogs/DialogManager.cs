using Akka.Actor;

namespace ClusterSip.Dialogs;

/// <summary>
/// The dialogs of one node, at <c>/user/dialogs</c>: above their parents (<see cref="DialogParents"/>), it passes
/// <see cref="DialogEnvelope"/>s on to its dialogs (from any node, <see cref="DialogLocator"/>) and answers queries for
/// dialogs it does not have with <see cref="DialogNotFound"/>. The request hook creates the dialogs of this node's
/// INVITEs itself, on the thread routing them (<see cref="DialogNode.Create"/>), and tells them directly.
/// </summary>
public sealed class DialogManager : ReceiveActor
{
    public const string Name = "dialogs";

    public DialogManager(DialogRegistry registry)
    {
        Receive<DialogEnvelope>(envelope =>
        {
            if (registry.Find(envelope.CallId) is { } dialog)
            {
                dialog.Actor.Forward(envelope.Message);
            }
            else if (envelope.Message is GetDialog or EndDialog)
            {
                Sender.Tell(new DialogNotFound(envelope.CallId));
            }
        });
        Receive<ListDialogs>(_ => Sender.Tell(new DialogList(registry.All())));
    }

    internal static Props Props(DialogRegistry registry) => Akka.Actor.Props.Create(() => new DialogManager(registry));
}
