using Akka.Actor;
using ClusterSip.Sip.Messages;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>
/// The actor a client transaction lives in: a server transaction for the branches it forks (as a tm cell holds its
/// branches), or a <see cref="UacTransaction"/> for a locally generated request. The host delivers the transaction's
/// messages (<see cref="ClientInbound"/>, its <see cref="WheelTimer"/>s, <see cref="ClientSendCompleted"/>) to it and hears
/// its outcome through these calls, all on the host's thread.
/// </summary>
internal interface IClientTransactionHost
{
    IActorRef Self { get; }

    TimerWheel Wheel { get; }

    TransactionEnvironment Env { get; }

    void OnClientStarted(ClientTransaction client);

    /// <summary>
    /// RFC 3261 17.1: 1xx, 2xx and the first non-2xx final response are passed up. A branch that ends without a final
    /// response passes up one faked here (<paramref name="faked"/>, the tm module's fake_reply), so that every end of a
    /// branch takes the same path: 408 when the final-response timer (fr_timer / fr_inv_timer, or Timer B/F) fired,
    /// 503 when the transport could not send the request (17.1.4, 16.9; <see cref="ClientTransaction.TransportError"/>).
    /// </summary>
    void OnClientResponse(ClientTransaction client, SipResponse response, bool faked);

    void OnClientEnded(ClientTransaction client);
}
