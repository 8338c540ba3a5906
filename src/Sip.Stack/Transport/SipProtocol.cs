namespace ClusterSip.Sip.Stack.Transport;

/// <summary>The transport protocols the stack listens on and sends over.</summary>
public enum SipProtocol
{
    Udp,
    Tcp,
}
