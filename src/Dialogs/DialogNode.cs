using Akka.Actor;
using Akka.Event;
using ClusterSip.Sip.Stack.Proxy;
using ClusterSip.Sip.Stack.Routing;

namespace ClusterSip.Dialogs;

/// <summary>
/// The dialogs of one node: the manager at <c>/user/dialogs</c>, the request sender, the registry and the request hook
/// the proxy runs before its request route.
/// </summary>
public sealed class DialogNode
{
    private readonly ActorSystem _system;
    private readonly IActorRef _requests;

    private DialogNode(ActorSystem system, DialogSettings settings, IActorRef eventSink, DialogStatistics statistics, IRouteEventPublisher events)
    {
        _system = system;
        Address = ((ExtendedActorSystem)system).Provider.DefaultAddress;
        Name = $"{Address.System}@{Address.Host}:{Address.Port}";
        _requests = system.ActorOf(DialogRequestSender.Props(), "dialog-requests");
        Manager = system.ActorOf(DialogManager.Props(new DialogServices(settings, eventSink, _requests, statistics, Registry, events)), DialogManager.Name);
        Hook = new DialogHook(settings, this, Logging.GetLogger(system, typeof(DialogHook)));
    }

    /// <summary>This node's address, named in the interaction ids of the calls it serves.</summary>
    public Address Address { get; }

    /// <summary>system@host:port, as call events name the node.</summary>
    public string Name { get; }

    public IActorRef Manager { get; }

    public DialogRegistry Registry { get; } = new();

    public IRequestHook Hook { get; }

    /// <param name="eventSink">Receives every call event (the callstore router); Nobody = events are not kept.</param>
    /// <param name="events">The route event bus: each change of a dialog's state is raised there (<see cref="DialogStateEvent"/>).</param>
    public static DialogNode Start(ActorSystem system, DialogSettings settings, IActorRef eventSink, DialogStatistics statistics, IRouteEventPublisher events) =>
        new(system, settings, eventSink, statistics, events);

    /// <summary>Once the transaction layer runs: the dialogs' BYEs go through it from now on.</summary>
    public void UseSender(LocalRequestSender sender) => _requests.Tell(new DialogRequestSender.UseSender(sender));

    /// <summary>Tells a dialog of this node.</summary>
    public void Tell(string callId, IDialogInput input) => Manager.Tell(new DialogEnvelope(callId, input));

    /// <summary>Tells a dialog on whichever node serves it (from its interaction id); nothing when the id names no node.</summary>
    public void TellAnywhere(string callId, IDialogInput input) => DialogLocator.ManagerOf(_system, callId)?.Tell(new DialogEnvelope(callId, input));
}
