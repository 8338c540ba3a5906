using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;
using ClusterSip.Sip.Stack.Actors;
using ClusterSip.Sip.Stack.Proxy;
using ClusterSip.Sip.Stack.Routing;
using ClusterSip.Sip.Stack.Transactions;

namespace ClusterSip.Dialogs;

/// <summary>
/// The dialogs of one node: the manager at <c>/user/dialogs</c>, the request sender, the registry and the request hook
/// the proxy runs before its request route.
/// </summary>
/// <remarks>
/// The hook creates each dialog actor on the thread routing its INVITE (<see cref="Create"/>), under the manager, and
/// every input from this node then goes to that actor directly: one mailbox, in the order the inputs were told, where
/// going through the manager took two. The dialogs are made from outside their parent as <c>ActorSystem.ActorOf</c>
/// makes the guardian's children (<c>ActorCell.AttachChild</c>, which Akka.Streams' materializer also calls on its
/// supervisor from any thread): the name is reserved and the child put in the parent's children container by
/// compare-and-swap, and the child's Supervise reaches the parent as a system message, so the parent supervises it and
/// stops it with itself. That needs the parents' cells at once, so the manager and the parents are made the same way
/// (<c>ActorOf</c> answers with a reference whose cell appears later, on the guardian's thread). As with
/// <c>ActorOf</c>, a dialog created at the very moment its parent stops may miss that stop; the parents stop only with
/// their node.
/// </remarks>
public sealed class DialogNode
{
    private readonly ActorSystem _system;
    private readonly DialogServices _services;
    private readonly DialogParents _parents;

    private DialogNode(ActorSystem system, DialogSettings settings, IActorRef eventSink, DialogStatistics statistics, IRouteEventPublisher events)
    {
        _system = system;
        // Akka starts its scheduler's worker on the first timer, blocking that caller until the worker thread runs. Each
        // dialog arms a timer as it starts: dialogs starting at once on pool threads of a system that had no timer yet
        // all blocked there while the worker waited for a thread (minutes, seen in tests). Started here, before any.
        system.Scheduler.Advanced.ScheduleOnce(TimeSpan.Zero, static () => { });
        TransactionDispatcher.Register(system); // the dialogs' (DialogParents), whether or not the transactions started yet
        Address = ((ExtendedActorSystem)system).Provider.DefaultAddress;
        Name = $"{Address.System}@{Address.Host}:{Address.Port}";
        var requests = system.ActorOf(DialogRequestSender.Props(), "dialog-requests");
        _services = new DialogServices(settings, eventSink, requests, statistics, Registry, events);
        var guardian = (LocalActorRef)((ExtendedActorSystem)system).Guardian;
        var manager = (LocalActorRef)new ChildSpawner(guardian.Cell, Dispatchers.DefaultDispatcherId).Spawn(DialogManager.Props(Registry), DialogManager.Name);
        Manager = manager;
        _parents = new DialogParents(manager.Cell);
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
    public LocalDialog Create(DialogStart start) => DialogActor.Create(_parents.Next(), start, _services);

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
}
