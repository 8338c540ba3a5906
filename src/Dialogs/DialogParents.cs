using Akka.Actor;
using ClusterSip.Sip.Stack.Actors;
using ClusterSip.Sip.Stack.Transactions;

namespace ClusterSip.Dialogs;

/// <summary>
/// The parents of a node's dialogs: <see cref="Count"/> children of its <see cref="DialogManager"/>, each the parent of
/// every <see cref="Count"/>th dialog created. Akka keeps an actor's children in an immutable tree that each child's
/// creation and end copy along its depth; spread over several parents, those copies are of small trees rather than
/// of one holding every dialog of the node, and creations from several threads rarely retry their compare-and-swap.
/// </summary>
/// <remarks>
/// The dialogs are made by a <see cref="ChildSpawner"/> each, with the small mailbox: not <c>ActorOf</c>, which walks
/// the deployment configuration for each one, and <c>akka.actor.deployment</c> does not apply to them. The spawners are
/// given their mailbox type, so they may be used from any thread. The dialogs run on the transactions' dispatcher
/// (<see cref="TransactionDispatcher"/>): an input a transaction or the request hook tells on a receive thread is
/// handled right there, as Kamailio's dialog module runs in the worker that received the message, instead of waking a
/// pool thread for each. So do the parents, which take each dialog's creation and end as system messages
/// (docs/dialogs.md has the context switches this saves).
/// </remarks>
public sealed class DialogParents
{
    public const int Count = 64;

    private readonly ChildSpawner[] _spawners;
    private int _next = -1;

    /// <summary>Creates the parents under the manager, from any thread (see <see cref="DialogNode"/>).</summary>
    internal DialogParents(ActorCell manager)
    {
        var spawner = new ChildSpawner(manager, TransactionDispatcher.Id);
        _spawners = new ChildSpawner[Count];
        for (var i = 0; i < Count; i++)
        {
            var parent = (LocalActorRef)spawner.Spawn(Props.Create<DialogParent>(), i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            _spawners[i] = new ChildSpawner(parent.Cell, TransactionDispatcher.Id, new SmallMailbox());
        }
    }

    /// <summary>The spawner of the next dialog's parent.</summary>
    internal ChildSpawner Next() => _spawners[(uint)Interlocked.Increment(ref _next) % Count];

    /// <summary>
    /// A parent of dialogs. A dialog that fails is stopped, not restarted: a restart would lose its state and emit its
    /// call's first event again.
    /// </summary>
    internal sealed class DialogParent : UntypedActor
    {
        protected override void OnReceive(object message) => Unhandled(message);

        protected override SupervisorStrategy SupervisorStrategy() => Akka.Actor.SupervisorStrategy.StoppingStrategy;
    }
}
