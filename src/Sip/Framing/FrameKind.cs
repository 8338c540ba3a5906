namespace ClusterSip.Sip.Framing;

public enum FrameKind
{
    /// <summary>More bytes are needed.</summary>
    Incomplete,

    /// <summary>A whole SIP message of <see cref="SipFrame.Length"/> bytes.</summary>
    Message,

    /// <summary>A double CRLF keep-alive ping (RFC 5626 3.5.1); answer with a single CRLF pong.</summary>
    KeepAlivePing,

    /// <summary>A single CRLF keep-alive pong (RFC 5626 3.5.1).</summary>
    KeepAlivePong,

    /// <summary>The stream cannot be framed (RFC 3261 18.3: close the connection).</summary>
    Error,

    /// <summary>
    /// The headers, or the message announced by Content-Length, exceed the maximum message size (an error too:
    /// close the connection, after a 513 when a request can be salvaged).
    /// </summary>
    TooLarge,
}
