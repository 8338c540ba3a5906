using Akka.Actor;
using ClusterSip.Sip.Messages;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>
/// The actor a client transaction lives in: a server transaction for the branches it forks (as a tm cell holds its
/// branches), or a <see cref="UacTransaction"/> for a locally generated request. The host delivers the transaction's
/// messages (<see cref="ClientInbound"/>, <see cref="ClientTimer"/>, <see cref="ClientSendCompleted"/>) to it and hears
/// its outcome through these calls, all on the host's thread.
/// </summary>
internal interface IClientTransactionHost
{
    IActorRef Self { get; }

    ITimerScheduler Timers { get; }

    TransactionEnvironment Env { get; }

    void OnClientStarted(ClientTransaction client);

    /// <summary>RFC 3261 17.1: 1xx, 2xx and the first non-2xx final response are passed up.</summary>
    void OnClientResponse(ClientTransaction client, SipResponse response);

    /// <summary>The final-response timer (fr_timer / fr_inv_timer, or Timer B/F) fired.</summary>
    void OnClientTimeout(ClientTransaction client, bool hadProvisional);

    /// <summary>The transport could not send the request (RFC 3261 17.1.4): treat as 503 (16.9).</summary>
    void OnClientTransportError(ClientTransaction client, string error);

    void OnClientEnded(ClientTransaction client);
}
