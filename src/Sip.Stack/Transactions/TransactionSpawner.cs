using Akka.Actor;
using Akka.Actor.Internal;
using Akka.Dispatch;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>
/// Creates the transaction manager's children as <c>ActorCell.MakeChild</c> creates a local child, without the work that
/// gives the same answer for every transaction: the remote provider's deployment lookup and merge (a merge parses an
/// empty HOCON string), and the dispatcher and mailbox resolution (HOCON lookups and reflection over the actor type).
/// Those are done once per actor type, by the calls the provider makes. Only public Akka API is used. Transaction
/// actors are therefore never deployed remotely, whatever <c>akka.actor.deployment</c> says.
/// </summary>
internal sealed class TransactionSpawner
{
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
        var path = new ChildActorPath(_cell.Self.Path, name, Random.Shared.Next(1, int.MaxValue));
        var child = new LocalActorRef(_cell.SystemImpl, props, _dispatcher, mailbox, (IInternalActorRef)_cell.Self, path);
        _cell.InitChild(child);
        child.Start();
        return child;
    }
}
