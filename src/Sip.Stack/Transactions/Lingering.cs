namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>
/// A transaction in its wait state after its actor let it go: an index entry that absorbs retransmissions until the
/// manager's sweep <see cref="ExpirySweep"/> removes it. A finished transaction needs no more than this, and a call's
/// transactions spend most of their life waiting (wt_timer, Timers K and D); as state machines in an actor, with
/// their messages, branches and timers, they were most of the live heap.
/// </summary>
internal interface ILingering
{
    TransactionKey Key { get; }

    /// <summary>The manager's sweep that removes the entry (<see cref="TransactionIndex.ExpirySweep"/>).</summary>
    long ExpirySweep { get; }
}
