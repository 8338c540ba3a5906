using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>
/// The layer above the transactions (RFC 3261's transaction user; on this node the proxy core): how the transaction
/// layer calls up, without knowing what is above it. One per node.
/// </summary>
public interface ITransactionUser
{
    /// <summary>The user of a new server transaction, made as its actor is created.</summary>
    IServerTransactionUser Create(ServerTransaction transaction);

    /// <summary>
    /// A request that belongs to no transaction and makes none: an ACK of a 2xx (RFC 3261 17.2.3), including an RFC 2543
    /// ACK that matched the INVITE after its 2xx. Called on the thread that received it: must not block.
    /// </summary>
    void OnStatelessRequest(InboundMessage message);

    /// <summary>A response that matched no client transaction (RFC 3261 16.7 / 18.1.2). Called on the receiving thread.</summary>
    void OnStrayResponse(SipResponse response);
}

/// <summary>
/// The user of one server transaction (the tm module's cell above its state machine). Every call runs on the
/// transaction's actor; an exception thrown from one ends the transaction with a 500 (see <see cref="ServerTransaction"/>).
/// </summary>
public interface IServerTransactionUser
{
    /// <summary>No branch waits for anything (a response, a resolution): nothing will reach the transaction for it.</summary>
    bool Idle { get; }

    /// <summary>The transaction's request, once, as the transaction starts.</summary>
    void OnRequest();

    /// <summary>
    /// A response of a client transaction the user started with <see cref="ServerTransaction.StartClient"/>; a
    /// <paramref name="faked"/> one is the branch's end without a response (408 timeout, 503 transport error).
    /// </summary>
    void OnBranchResponse(ClientTransaction branch, SipResponse response, bool faked);

    /// <summary>A CANCEL matched this INVITE transaction while it had no final response (RFC 3261 16.10).</summary>
    void OnCancel();

    /// <summary>The ACK of a non-2xx final response, absorbed by the INVITE transaction (RFC 3261 17.2.1).</summary>
    void OnAck(SipRequest ack);

    /// <summary>A response went upstream through the state machine; <paramref name="local"/> = generated here, not relayed.</summary>
    void OnResponseSent(SipResponse response, bool local);

    /// <summary>A message the user sent to the transaction's actor (e.g. an asynchronous result); false when not the user's.</summary>
    bool OnMessage(object message);

    /// <summary>The transaction ended (its actor stops); after this nothing reaches the user.</summary>
    void OnEnded();
}
