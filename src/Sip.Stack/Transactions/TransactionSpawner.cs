using System.Reflection;
using Akka.Actor;
using Akka.Actor.Internal;
using Akka.Dispatch;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>
/// Creates the transaction manager's children as <c>ActorCell.MakeChild</c> creates a local child, without the work that
/// gives the same answer for every transaction: the remote provider's deployment lookup and merge (a merge parses an
/// empty HOCON string), and the dispatcher and mailbox resolution (HOCON lookups and reflection over the actor type).
/// Those are done once per actor type, by the calls the provider makes. Transaction actors are therefore never deployed
/// remotely, whatever <c>akka.actor.deployment</c> says.
/// </summary>
/// <remarks>
/// <c>ReserveChild</c>, <c>InitChild</c> and <c>UnreserveChild</c> (protected, reached by reflection) are what
/// <c>MakeChild</c> calls; Akka documents them as internal API. <c>AkkaInternalsTests</c> pins the Akka version and
/// these members, and proves the children are real (supervised, stopped with the manager, names released when
/// creation fails): an Akka upgrade fails there first.
/// </remarks>
internal sealed class TransactionSpawner
{
    private static readonly Action<ActorCell, string> UnreserveChild = (Action<ActorCell, string>)Delegate.CreateDelegate(
        typeof(Action<ActorCell, string>),
        typeof(ActorCell).GetMethod("UnreserveChild", BindingFlags.Instance | BindingFlags.NonPublic, [typeof(string)])
            ?? throw new MissingMethodException(nameof(ActorCell), "UnreserveChild"));

    private readonly ActorCell _cell;
    private readonly MessageDispatcher _dispatcher;
    private readonly Dictionary<Type, MailboxType> _mailboxes = [];
    private long _created;

    public TransactionSpawner(IActorContext context)
    {
        _cell = (ActorCell)context;
        _dispatcher = _cell.SystemImpl.Dispatchers.Lookup(TransactionDispatcher.Id);
    }

    /// <summary>A new child of the manager, started, made from <paramref name="props"/> (from <see cref="TransactionProps"/>).</summary>
    public IActorRef Spawn(Props props)
    {
        if (!_mailboxes.TryGetValue(props.Type, out var mailbox))
        {
            mailbox = _cell.SystemImpl.Mailboxes.GetMailboxType(props, _dispatcher.Configurator.Config);
            _mailboxes.Add(props.Type, mailbox);
        }

        var name = (++_created).ToString("x", System.Globalization.CultureInfo.InvariantCulture);
        _cell.ReserveChild(name); // throws while the manager terminates, as MakeChild does
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
