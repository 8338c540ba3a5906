using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>
/// What the index holds for a client transaction: the running <see cref="ClientTransaction"/> or its wait state
/// (a lingering entry); the constructor keeps other kinds out.
/// </summary>
public abstract class ClientEntry
{
    private protected ClientEntry()
    {
    }

    /// <summary>Gives a response of the transaction to it, on the thread that matched it.</summary>
    internal abstract void Deliver(InboundMessage message, SipResponse response, TransactionEnvironment env);
}
