using Akka.Actor;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>
/// Asks the transaction manager for a client transaction for a locally generated request (a UAC transaction):
/// the request already carries its Via (with a fresh RFC 3261 branch). The owner (the sender) gets
/// <see cref="ClientResponse"/>, <see cref="ClientTimeout"/> and <see cref="ClientTransportError"/>.
/// </summary>
public sealed record StartUacTransaction(SipRequest Request, SipEndPoint Destination, int Tag = 0);

/// <summary>
/// Everything a client transaction starts with. <paramref name="Uac"/>: the request was generated locally
/// (<see cref="StartUacTransaction"/>), so its final reply counts in the statistics and provisional replies reach the
/// owner only with pass_provisional_replies. <paramref name="Fallback"/>: the start to use instead when the request
/// cannot be sent (a request moved from UDP to TCP for its size goes back to UDP, RFC 3261 18.1.1).
/// </summary>
public sealed record ClientTransactionStart(
    SipRequest Request,
    SipEndPoint Destination,
    int BranchIndex,
    TimeSpan FrTimer,
    TimeSpan FrInvTimer,
    bool Uac = false,
    ClientTransactionStart? Fallback = null);

/// <summary>A response a UAC transaction passes up to its owner (RFC 3261 17.1: 1xx, 2xx, first non-2xx final); BranchIndex is the Tag.</summary>
public sealed record ClientResponse(int BranchIndex, SipResponse Response);

/// <summary>The final-response timer (fr_timer / fr_inv_timer, or Timer B/F) of a UAC transaction fired.</summary>
public sealed record ClientTimeout(int BranchIndex, bool HadProvisional);

/// <summary>The transport could not send a UAC transaction's request (RFC 3261 17.1.4).</summary>
public sealed record ClientTransportError(int BranchIndex, string Error);

/// <summary>Tells a UAC transaction to cancel its pending INVITE: a CANCEL goes out once a provisional reply was received (RFC 3261 9.1).</summary>
public sealed record CancelClientTransaction
{
    public static readonly CancelClientTransaction Instance = new();
}

/// <summary>Sent by a CANCEL server transaction to the INVITE server transaction it cancels (RFC 3261 16.10).</summary>
public sealed record CancelInvite(SipRequest Cancel);

/// <summary>Asks the manager how many transactions its index holds; answered with <see cref="TransactionCounts"/>.</summary>
public sealed record GetTransactionCounts
{
    public static readonly GetTransactionCounts Instance = new();
}

public sealed record TransactionCounts(int Server, int Client);

/// <summary>The manager's timer: remove the lingering transactions that expired.</summary>
internal sealed record SweepLingering
{
    public static readonly SweepLingering Instance = new();
}

/// <summary>A server transaction's message to itself: its wait went to a lingering entry, and what was queued before is handled.</summary>
internal sealed record HandedOff
{
    public static readonly HandedOff Instance = new();
}

/// <summary>A request the index matched to no transaction, with the key the layer computed, for the manager to create one.</summary>
internal sealed record NewServerRequest(InboundMessage Inbound, SipRequest Request, TransactionKey Key);

/// <summary>Outcome of an asynchronous send, piped back to the sending actor.</summary>
internal sealed record SendCompleted(SendResult Result);

/// <summary>A response the index matched to a client transaction, sent to the actor it lives in.</summary>
internal sealed record ClientInbound(ClientTransaction Transaction, InboundMessage Message);

/// <summary>Outcome of a client transaction's send that failed or completed asynchronously.</summary>
internal sealed record ClientSendCompleted(ClientTransaction Transaction, SendResult Result);
