using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Sip.Stack.Tests.Transport;

/// <summary>Breaks the sink contract on the first message, then records like <see cref="RecordingSink"/>.</summary>
internal sealed class ThrowingSink : ISipMessageSink
{
    private int _calls;

    public RecordingSink After { get; } = new();

    public void OnMessage(InboundMessage message)
    {
        if (Interlocked.Increment(ref _calls) == 1)
        {
            throw new InvalidOperationException("sink failure");
        }

        After.OnMessage(message);
    }
}
