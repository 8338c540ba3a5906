using System.Globalization;
using System.Reflection;
using Akka.Actor;
using Akka.Actor.Internal;
using Akka.Dispatch;

namespace ClusterSip.Sip.Stack.Actors;

/// <summary>
/// Creates an actor's children as <c>ActorCell.MakeChild</c> creates a local child, without the work that gives the
/// same answer for every child of a kind made in great numbers (a transaction per request, a dialog per call): the
/// remote provider's deployment lookup and merge (HOCON walks, and a merge parses an empty HOCON string), and the
/// dispatcher and mailbox resolution (HOCON lookups and reflection over the actor type). Those are done once per
/// actor type, by the calls the provider makes, unless a mailbox type is given for all children. The children run on
/// the dispatcher given here and are therefore never deployed remotely, whatever <c>akka.actor.deployment</c> says.
/// </summary>
/// <remarks>
/// <para>
/// <c>ReserveChild</c>, <c>InitChild</c> and <c>UnreserveChild</c> (protected, reached by reflection) are what
/// <c>MakeChild</c> calls; Akka documents them as internal API. <c>AkkaInternalsTests</c> pins the Akka version and
/// these members, and proves the children are real (supervised, stopped with the parent, names released when
/// creation fails): an Akka upgrade fails there first.
/// </para>
/// <para>
/// <see cref="Spawn(Props, string)"/> on a spawner given a mailbox type may be called from any thread, as
/// <c>ActorSystem.ActorOf</c> makes the guardian's children (<c>ActorCell.AttachChild</c>): the parent's children
/// container is volatile and swapped by compare-and-swap in <c>ReserveChild</c>, <c>InitChild</c> and
/// <c>UnreserveChild</c>, a parent that terminates refuses the reservation (<see cref="InvalidOperationException"/>),
/// and the child's Supervise reaches the parent as a system message. The counter-named <see cref="Spawn(Props)"/>
/// and the per-type mailbox cache are the parent's own thread's.
/// </para>
/// </remarks>
public sealed class ChildSpawner
{
    private static readonly Action<ActorCell, string> UnreserveChild = (Action<ActorCell, string>)Delegate.CreateDelegate(
        typeof(Action<ActorCell, string>),
        typeof(ActorCell).GetMethod("UnreserveChild", BindingFlags.Instance | BindingFlags.NonPublic, [typeof(string)])
            ?? throw new MissingMethodException(nameof(ActorCell), "UnreserveChild"));

    private readonly ActorCell _cell;
    private readonly MessageDispatcher _dispatcher;
    private readonly MailboxType? _mailbox;
    private readonly Dictionary<Type, MailboxType> _mailboxes = [];
    private long _created;

    /// <param name="context">The parent's context (its <c>ActorCell</c>); see the remarks for the calls other threads may make.</param>
    /// <param name="dispatcherId">The dispatcher of every child (<c>Dispatchers.DefaultDispatcherId</c>, or one registered with the system).</param>
    /// <param name="mailbox">The mailbox type of every child (e.g. <see cref="SmallMailbox"/>); null for the one their Props name.</param>
    public ChildSpawner(IActorContext context, string dispatcherId, MailboxType? mailbox = null)
    {
        _cell = (ActorCell)context;
        _dispatcher = _cell.SystemImpl.Dispatchers.Lookup(dispatcherId);
        _mailbox = mailbox;
    }

    /// <summary>A new child, started, made from <paramref name="props"/> and named by a counter (1, 2, … in hex).</summary>
    public IActorRef Spawn(Props props) => Create(props, (++_created).ToString("x", CultureInfo.InvariantCulture));

    /// <summary>A new child, started, made from <paramref name="props"/> and named <paramref name="name"/>.</summary>
    /// <exception cref="InvalidActorNameException">The name is not a valid path element, or a child has it already.</exception>
    public IActorRef Spawn(Props props, string name)
    {
        if (!ActorPath.IsValidPathElement(name))
        {
            throw new InvalidActorNameException($"Illegal actor name [{name}].");
        }

        return Create(props, name);
    }

    private IActorRef Create(Props props, string name)
    {
        if (_mailbox is not { } mailbox && !_mailboxes.TryGetValue(props.Type, out mailbox))
        {
            mailbox = _cell.SystemImpl.Mailboxes.GetMailboxType(props, _dispatcher.Configurator.Config);
            _mailboxes.Add(props.Type, mailbox);
        }

        _cell.ReserveChild(name); // throws while the parent terminates, or for a name in use, as MakeChild does
        LocalActorRef child;
        try
        {
            var path = new ChildActorPath(_cell.Self.Path, name, Random.Shared.Next(1, int.MaxValue));
            child = new LocalActorRef(_cell.SystemImpl, props, _dispatcher, mailbox, (IInternalActorRef)_cell.Self, path);
        }
        catch
        {
            UnreserveChild(_cell, name); // as MakeChild does: a failed creation leaves no reservation behind
            throw;
        }

        _cell.InitChild(child);
        child.Start();
        return child;
    }
}
