using Akka.Actor;
using Akka.Event;

namespace ClusterSip.Dialogs;

/// <summary>
/// The dialogs of one node, at <c>/user/dialogs</c>: above their parents (<see cref="DialogParents"/>), it passes
/// <see cref="DialogEnvelope"/>s on to its dialogs (from any node, <see cref="DialogLocator"/>), answers queries for
/// dialogs it does not have with <see cref="DialogNotFound"/>, and creates those it is sent (<see cref="CreateDialog"/>).
/// The request hook creates the dialogs of this node's INVITEs itself, on the thread routing them
/// (<see cref="DialogNode.Create"/>), and tells them directly.
/// </summary>
public sealed class DialogManager : ReceiveActor
{
    public const string Name = "dialogs";

    private readonly ILoggingAdapter _log = Context.GetLogger();

    /// <param name="create">Creates and registers a dialog (<see cref="DialogNode.Create"/>).</param>
    public DialogManager(DialogRegistry registry, Func<DialogStart, LocalDialog> create)
    {
        Receive<CreateDialog>(c =>
        {
            try
            {
                create(c.Start);
            }
            catch (InvalidActorNameException)
            {
                _log.Warning("dialog {0} exists already: the INVITE of Call-ID {1} is not tracked again", c.Start.CallId, c.Start.SipCallId);
            }
        });
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

    internal static Props Props(DialogRegistry registry, Func<DialogStart, LocalDialog> create) =>
        Akka.Actor.Props.Create(() => new DialogManager(registry, create));
}
