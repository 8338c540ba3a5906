using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.EchoBench;

/// <summary>Answers every request but ACK with 200 OK, statelessly, through the transport layer.</summary>
internal sealed class EchoSink(ISipTransport transport) : ISipMessageSink
{
    private long _answered;
    private long _failed;

    public long Answered => Interlocked.Read(ref _answered);

    public long Failed => Interlocked.Read(ref _failed);

    public void OnMessage(InboundMessage message)
    {
        if (message.Message is not SipRequest request || request.Method == SipMethods.Ack)
        {
            return;
        }

        var send = transport.SendResponseAsync(SipResponse.CreateFor(request, 200), message.ConnectionId);
        if (send.IsCompletedSuccessfully)
        {
            Count(send.Result);
        }
        else
        {
            _ = CompleteAsync(send);
        }
    }

    private async Task CompleteAsync(ValueTask<SendResult> send) => Count(await send.ConfigureAwait(false));

    private void Count(SendResult result)
    {
        if (result.Sent)
        {
            Interlocked.Increment(ref _answered);
        }
        else
        {
            Interlocked.Increment(ref _failed);
        }
    }
}
