using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;
using ClusterSip.Sip.Stack.Actors;

namespace ClusterSip.Dialogs;

/// <summary>
/// The dialogs of one node, at <c>/user/dialogs</c>: creates each dialog actor as its child named by the call id,
/// passes <see cref="DialogEnvelope"/>s on to them (from this node or any other, <see cref="DialogLocator"/>), and
/// answers queries for dialogs it does not have with <see cref="DialogNotFound"/>. A dialog that fails is stopped, not
/// restarted: a restart would lose its state and emit its call's first event again. The dialogs are created by a
/// <see cref="ChildSpawner"/> on the default dispatcher: <c>ActorOf</c> would walk the deployment configuration for
/// each one, and a dialog is never deployed elsewhere (<c>akka.actor.deployment</c> does not apply to them).
/// </summary>
public sealed class DialogManager : ReceiveActor
{
    public const string Name = "dialogs";

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ChildSpawner _spawner = new(Context, Dispatchers.DefaultDispatcherId, new SmallMailbox());

    public DialogManager(DialogServices services)
    {
        Receive<CreateDialog>(create =>
        {
            if (!Context.Child(create.Start.CallId).IsNobody())
            {
                _log.Warning("dialog {0} exists already: the INVITE of Call-ID {1} is not tracked again", create.Start.CallId, create.Start.SipCallId);
                return;
            }

            _spawner.Spawn(DialogActor.Props(create.Start, services), create.Start.CallId);
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
