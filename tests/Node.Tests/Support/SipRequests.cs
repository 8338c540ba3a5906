using ClusterSip.Tests.Support;

namespace ClusterSip.Node.Tests.Support;

/// <summary>Requests of the registrar's route tests: bob's REGISTER (Call-ID per user agent), an INVITE from alice.</summary>
internal static class SipRequests
{
    public static string Register(LoopbackUa ua, int cseq, string? contact, params string[] lines) =>
        RegisterTo("sip:example.com", ua, cseq, contact, lines);

    public static string RegisterTo(string requestUri, LoopbackUa ua, int cseq, string? contact, params string[] lines) =>
        $"REGISTER {requestUri} SIP/2.0\r\n" +
        $"Via: SIP/2.0/UDP {ua.EndPoint};branch=z9hG4bK-{Guid.NewGuid():N}\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: <sip:bob@example.com>;tag=reg\r\n" +
        "To: <sip:bob@example.com>\r\n" +
        $"Call-ID: reg-{ua.EndPoint.Port}\r\n" +
        $"CSeq: {cseq} REGISTER\r\n" +
        (contact is null ? "" : $"Contact: <{contact}>;expires=600\r\n") +
        string.Concat(lines.Select(l => l + "\r\n")) +
        "Content-Length: 0\r\n\r\n";

    public static string Invite(LoopbackUa ua, string uri) =>
        $"INVITE {uri} SIP/2.0\r\n" +
        $"Via: SIP/2.0/UDP {ua.EndPoint};branch=z9hG4bK-{Guid.NewGuid():N}\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: <sip:alice@example.com>;tag=call\r\n" +
        $"To: <{uri}>\r\n" +
        $"Call-ID: {Guid.NewGuid():N}\r\n" +
        "CSeq: 1 INVITE\r\n" +
        $"Contact: <sip:alice@{ua.EndPoint}>\r\n" +
        "Content-Length: 0\r\n\r\n";
}
