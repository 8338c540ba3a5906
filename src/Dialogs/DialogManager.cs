using Akka.Actor;
using Akka.Event;
using ClusterSip.Sip.Stack.Actors;

namespace ClusterSip.Dialogs;

/// <summary>
/// The dialogs of one node, at <c>/user/dialogs</c>: the parent of each dialog actor (named by the call id), which is
/// stopped, not restarted, when it fails: a restart would lose its state and emit its call's first event again. The
/// request hook creates the dialogs of this node's INVITEs on its own thread (<see cref="DialogNode.Create"/>) and
/// tells them directly; the manager creates those it is sent (<see cref="CreateDialog"/>), passes
/// <see cref="DialogEnvelope"/>s on to its dialogs (from any node, <see cref="DialogLocator"/>), and answers queries for
/// dialogs it does not have with <see cref="DialogNotFound"/>.
/// </summary>
public sealed class DialogManager : ReceiveActor
{
    public const string Name = "dialogs";

    private readonly ILoggingAdapter _log = Context.GetLogger();

    public DialogManager(DialogServices services)
    {
        var spawner = DialogNode.DialogSpawner(Context);
        Receive<CreateDialog>(create =>
        {
            try
            {
                DialogActor.Create(spawner, create.Start, services);
            }
            catch (InvalidActorNameException)
            {
                _log.Warning("dialog {0} exists already: the INVITE of Call-ID {1} is not tracked again", create.Start.CallId, create.Start.SipCallId);
            }
        });
        Receive<DialogEnvelope>(envelope =>
        {
            var dialog = Context.Child(envelope.CallId);
            if (!dialog.IsNobody())
            {
                dialog.Forward(envelope.Message);
            }
            else if (envelope.Message is GetDialog or EndDialog)
            {
                Sender.Tell(new DialogNotFound(envelope.CallId));
            }
        });
        Receive<ListDialogs>(_ => Sender.Tell(new DialogList(services.Registry.All())));
    }

    public static Props Props(DialogServices services) => Akka.Actor.Props.Create(() => new DialogManager(services));

    protected override SupervisorStrategy SupervisorStrategy() => Akka.Actor.SupervisorStrategy.StoppingStrategy;
}
