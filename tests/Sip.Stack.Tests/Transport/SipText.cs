namespace ClusterSip.Sip.Stack.Tests.Transport;

/// <summary>Raw SIP messages for tests.</summary>
internal static class SipText
{
    public static string Request(string method, string via, string callId, string body = "", string extraHeaders = "") =>
        $"{method} sip:bob@example.com SIP/2.0\r\n" +
        $"Via: {via}\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: <sip:alice@example.com>;tag=a1\r\n" +
        "To: <sip:bob@example.com>\r\n" +
        $"Call-ID: {callId}\r\n" +
        $"CSeq: 1 {method}\r\n" +
        extraHeaders +
        $"Content-Length: {body.Length}\r\n\r\n" +
        body;

    public static string Options(string via, string callId) => Request("OPTIONS", via, callId);

    /// <summary>A request the parser rejects (bad Request-URI) but can still answer.</summary>
    public static string BadRequestUri(string via, string callId) =>
        Request("OPTIONS", via, callId).Replace("OPTIONS sip:bob@example.com SIP/2.0", "OPTIONS sip:bob@[example SIP/2.0", StringComparison.Ordinal);

    public static string UdpVia(string sentBy, string? branch = null, bool rport = false) =>
        $"SIP/2.0/UDP {sentBy};branch=z9hG4bK{branch ?? Guid.NewGuid().ToString("N")}" + (rport ? ";rport" : string.Empty);

    public static string TlsVia(string sentBy) => $"SIP/2.0/TLS {sentBy};branch=z9hG4bK{Guid.NewGuid():N}";

    public static string TcpVia(string sentBy) => $"SIP/2.0/TCP {sentBy};branch=z9hG4bK{Guid.NewGuid():N}";
}
