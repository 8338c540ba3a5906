using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;

namespace ClusterSip.Registrar.Tests;

/// <summary>REGISTER and INVITE requests as a UA would send them, with the lines a test varies.</summary>
public static class Requests
{
    public static SipRequest Register(string aor = "sip:alice@example.com", string callId = "reg-1", uint cseq = 1, params string[] lines)
    {
        var text = $"REGISTER sip:{Host(aor)} SIP/2.0\r\n" +
                   "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-" + Guid.NewGuid().ToString("N") + "\r\n" +
                   "Max-Forwards: 70\r\n" +
                   $"From: <{aor}>;tag=f1\r\n" +
                   $"To: <{aor}>\r\n" +
                   $"Call-ID: {callId}\r\n" +
                   $"CSeq: {cseq} REGISTER\r\n" +
                   string.Concat(lines.Select(l => l + "\r\n")) +
                   "Content-Length: 0\r\n\r\n";
        return (SipRequest)SipParser.Parse(text);
    }

    public static SipRequest Invite(string uri = "sip:bob@example.com", params string[] lines)
    {
        var text = $"INVITE {uri} SIP/2.0\r\n" +
                   "Via: SIP/2.0/UDP 192.0.2.20:5060;branch=z9hG4bK-" + Guid.NewGuid().ToString("N") + "\r\n" +
                   "Max-Forwards: 70\r\n" +
                   "From: <sip:alice@example.com>;tag=f2\r\n" +
                   $"To: <{uri}>\r\n" +
                   "Call-ID: call-1\r\n" +
                   "CSeq: 1 INVITE\r\n" +
                   string.Concat(lines.Select(l => l + "\r\n")) +
                   "Content-Length: 0\r\n\r\n";
        return (SipRequest)SipParser.Parse(text);
    }

    private static string Host(string aor) => aor[(aor.IndexOf('@') + 1)..];
}
