using System.Text;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;

namespace ClusterSip.Dialogs.Tests.Support;

/// <summary>The messages of one call (Alice calls Bob through proxy p1 and this node), as a proxy receives them.</summary>
public static class CallMessages
{
    public const string CallId = "a84b4c76e66710@pc33.example.com";
    public const string CallerTag = "1928301774";
    public const string Ours = "sip:10.0.0.5:5060;lr;did=";

    public const string HoldSdp = "v=0\r\no=- 1 2 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0\r\na=sendonly\r\n";
    public const string ActiveSdp = "v=0\r\no=- 1 3 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0\r\n";

    public static SipRequest Invite(string? extraHeaders = null) => Request(
        "INVITE sip:bob@example.com SIP/2.0",
        "Via: SIP/2.0/UDP p1.example.com;branch=z9hG4bKp1\r\nVia: SIP/2.0/UDP pc33.example.com;branch=z9hG4bKa\r\n" +
        "Record-Route: <sip:p1.example.com;lr>\r\n" +
        $"From: \"Alice\" <sip:alice@example.com>;tag={CallerTag}\r\nTo: Bob <sip:bob@Example.COM>\r\n" +
        $"Call-ID: {CallId}\r\nCSeq: 314159 INVITE\r\nContact: <sip:alice@192.0.2.1:5060>\r\n" + (extraHeaders ?? ""),
        "");

    /// <summary>A response to the INVITE from a callee that answers with <paramref name="toTag"/>, record-routed by this node (<paramref name="callId"/>) and p1.</summary>
    public static SipResponse Response(int code, string? toTag, string callId, string contact = "sip:bob@192.0.2.4:5060", string? downstream = null)
    {
        var to = "Bob <sip:bob@Example.COM>" + (toTag is null ? "" : ";tag=" + toTag);
        var rr = (downstream is null ? "" : $"Record-Route: <{downstream}>\r\n") + $"Record-Route: <{Ours}{callId}>\r\nRecord-Route: <sip:p1.example.com;lr>\r\n";
        var text = $"SIP/2.0 {code} {SipStatusCodes.GetReasonPhrase(code)}\r\nVia: SIP/2.0/UDP p1.example.com;branch=z9hG4bKp1\r\n" + rr +
                   $"From: \"Alice\" <sip:alice@example.com>;tag={CallerTag}\r\nTo: {to}\r\nCall-ID: {CallId}\r\nCSeq: 314159 INVITE\r\n" +
                   $"Contact: <{contact}>\r\nContent-Length: 0\r\n\r\n";
        return (SipResponse)SipParser.Parse(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>
    /// An in-dialog request from the caller (<paramref name="fromCaller"/>) or from the callee tagged <paramref name="calleeTag"/>,
    /// with the sender's usual Contact unless <paramref name="contact"/> names another.
    /// </summary>
    public static SipRequest InDialog(string method, bool fromCaller, string calleeTag, uint cseq, string? sdp = null, string? extraHeaders = null, string? contact = null)
    {
        var caller = $"\"Alice\" <sip:alice@example.com>;tag={CallerTag}";
        var callee = $"Bob <sip:bob@Example.COM>;tag={calleeTag}";
        var headers = "Via: SIP/2.0/UDP 192.0.2.9;branch=z9hG4bK" + method + cseq + "\r\n" +
                      $"From: {(fromCaller ? caller : callee)}\r\nTo: {(fromCaller ? callee : caller)}\r\nCall-ID: {CallId}\r\nCSeq: {cseq} {method}\r\n" +
                      $"Contact: <{contact ?? (fromCaller ? "sip:alice@192.0.2.1:5060" : "sip:bob@192.0.2.4:5060")}>\r\n" +
                      (sdp is null ? "" : "Content-Type: application/sdp\r\n") + (extraHeaders ?? "");
        return Request($"{method} sip:{(fromCaller ? "bob@192.0.2.4" : "alice@192.0.2.1")}:5060 SIP/2.0", headers, sdp ?? "");
    }

    private static SipRequest Request(string startLine, string headers, string body) =>
        (SipRequest)SipParser.Parse(Encoding.UTF8.GetBytes($"{startLine}\r\nMax-Forwards: 70\r\n{headers}Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}"));
}
