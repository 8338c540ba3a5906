namespace ClusterSip.Sip.Stack.Transport;

/// <summary>The transport protocols the stack listens on and sends over.</summary>
public enum SipProtocol
{
    Udp,
    Tcp,

    /// <summary>TCP with TLS layered on it (RFC 3261 26.2, sips URIs and transport=tls).</summary>
    Tls,

    /// <summary>SIP over WebSocket (RFC 7118): inbound connections only; peers are reached over the connection they opened.</summary>
    Ws,

    /// <summary>SIP over secure WebSocket (WebSocket over TLS, RFC 7118).</summary>
    Wss,
}
