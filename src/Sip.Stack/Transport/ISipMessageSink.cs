namespace ClusterSip.Sip.Stack.Transport;

/// <summary>The one interface through which transports hand parsed messages to the layer above.</summary>
/// <remarks>Called on a transport's receive loop: implementations must not block (tell an actor and return).</remarks>
public interface ISipMessageSink
{
    void OnMessage(InboundMessage message);
}
