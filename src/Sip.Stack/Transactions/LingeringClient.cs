using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Sip.Stack.Transactions;

/// <summary>
/// A client transaction in Completed (RFC 3261 17.1.1.2 Timer D, 17.1.2.2 Timer K) after it reported its final
/// response: retransmitted responses are absorbed, and for an INVITE a retransmitted non-2xx final is acknowledged
/// again with <paramref name="ack"/>.
/// </summary>
internal sealed class LingeringClient(TransactionKey key, SipRequest? ack, SipEndPoint destination, long expirySweep)
    : ClientEntry, ILingering
{
    public TransactionKey Key { get; } = key;

    public long ExpirySweep { get; } = expirySweep;

    public void OnResponse(SipResponse response, TransactionEnvironment env)
    {
        if (ack is not null && response.IsFinal && !response.IsSuccess)
        {
            _ = env.Transport.SendRequestAsync(ack, destination).AsTask();
        }
    }

    internal override void Deliver(InboundMessage message, SipResponse response, TransactionEnvironment env) => OnResponse(response, env);
}
