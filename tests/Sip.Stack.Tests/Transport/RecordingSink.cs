using System.Threading.Channels;
using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Sip.Stack.Tests.Transport;

/// <summary>A sink that queues what it is given, for a test to await.</summary>
internal sealed class RecordingSink : ISipMessageSink
{
    private readonly Channel<InboundMessage> _messages = Channel.CreateUnbounded<InboundMessage>();

    public void OnMessage(InboundMessage message) => _messages.Writer.TryWrite(message);

    public async Task<InboundMessage> NextAsync()
    {
        using var timeout = new CancellationTokenSource(Wait.Bound);
        return await _messages.Reader.ReadAsync(timeout.Token);
    }
}
