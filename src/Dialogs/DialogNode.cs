using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;
using ClusterSip.Sip.Stack.Actors;
using ClusterSip.Sip.Stack.Proxy;
using ClusterSip.Sip.Stack.Routing;

namespace ClusterSip.Dialogs;

/// <summary>
/// The dialogs of one node: the manager at <c>/user/dialogs</c>, the request sender, the registry and the request hook
/// the proxy runs before its request route.
/// </summary>
/// <remarks>
/// The hook creates each dialog actor on the thread routing its INVITE (<see cref="Create"/>), as a child of the
/// manager, and every input from this node then goes to that actor directly: one mailbox, in the order the inputs were
/// told, where going through the manager took two. The manager's children are made from outside it as
/// <c>ActorSystem.ActorOf</c> makes the guardian's (<c>ActorCell.AttachChild</c>, which Akka.Streams' materializer also
/// calls on its supervisor from any thread): the name is reserved and the child put in the parent's children
/// container by compare-and-swap, and the child's Supervise reaches the parent as a system message, so the manager
/// supervises it and stops it with itself. Creating from outside needs the manager's cell at once, so the manager is
/// made the same way (<c>ActorOf</c> would answer with a reference whose cell appears later, on the guardian's thread).
/// As with <c>ActorOf</c>, a dialog created at the very moment the manager stops may miss that stop; the manager
/// stops only with its node.
/// </remarks>
public sealed class DialogNode
{
    private readonly ActorSystem _system;
    private readonly DialogServices _services;
    private readonly ChildSpawner _dialogs;

    private DialogNode(ActorSystem system, DialogSettings settings, IActorRef eventSink, DialogStatistics statistics, IRouteEventPublisher events)
    {
        _system = system;
        Address = ((ExtendedActorSystem)system).Provider.DefaultAddress;
        Name = $"{Address.System}@{Address.Host}:{Address.Port}";
        var requests = system.ActorOf(DialogRequestSender.Props(), "dialog-requests");
        _services = new DialogServices(settings, eventSink, requests, statistics, Registry, events);
        var guardian = (LocalActorRef)((ExtendedActorSystem)system).Guardian;
        var manager = (LocalActorRef)new ChildSpawner(guardian.Cell, Dispatchers.DefaultDispatcherId).Spawn(DialogManager.Props(_services), DialogManager.Name);
        Manager = manager;
        _dialogs = DialogSpawner(manager.Cell);
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
    public void UseSender(LocalRequestSender sender) => _services.Requests.Tell(new DialogRequestSender.UseSender(sender));

    /// <summary>Creates and registers the dialog of an initial INVITE, from any thread, as the request hook does.</summary>
    /// <exception cref="InvalidOperationException">The node is stopping.</exception>
    public LocalDialog Create(DialogStart start) => DialogActor.Create(_dialogs, start, _services);

    /// <summary>
    /// Tells a dialog on whichever node serves it (from its interaction id); nothing when the id names no node. A dialog
    /// of this node is told directly, as every other input from this node.
    /// </summary>
    public void TellAnywhere(string callId, IDialogInput input)
    {
        if (Registry.Find(callId) is { } local)
        {
            local.Actor.Tell(input);
        }
        else
        {
            DialogLocator.ManagerOf(_system, callId)?.Tell(new DialogEnvelope(callId, input));
        }
    }

    /// <summary>What creates the dialogs under a manager: on the default dispatcher, never deployed elsewhere, each with a small mailbox.</summary>
    /// <remarks>
    /// Not <c>ActorOf</c>: that walks the deployment configuration for each dialog, and <c>akka.actor.deployment</c>
    /// does not apply to them. With its mailbox type given, the spawner may be used from any thread.
    /// </remarks>
    internal static ChildSpawner DialogSpawner(IActorContext manager) => new(manager, Dispatchers.DefaultDispatcherId, new SmallMailbox());
}
