using System.Text;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;

namespace ClusterSip.Presence.Tests.Support;

/// <summary>NOTIFYs a presence server would send within the dialog a SUBSCRIBE started.</summary>
public static class Notifies
{
    public static string Pidf(string basic, string entity = "sip:bob@example.com", string tuple = "t1") =>
        $"<?xml version=\"1.0\"?><presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"{entity}\"><tuple id=\"{tuple}\"><status><basic>{basic}</basic></status><contact>sip:bob@10.0.0.5</contact></tuple><note>lunch</note></presence>";

    public static SipRequest For(SipRequest subscribe, string state, string? body = null, string fromTag = "pa-tag", int cseq = 1, string? callId = null)
    {
        var text = new StringBuilder()
            .Append("NOTIFY sip:watcher@127.0.0.1:5060 SIP/2.0\r\n")
            .Append("Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK").Append(Guid.NewGuid().ToString("N")).Append("\r\n")
            .Append("Max-Forwards: 70\r\n")
            .Append("From: ").Append(subscribe.Headers.Get("To")).Append(";tag=").Append(fromTag).Append("\r\n")
            .Append("To: ").Append(subscribe.Headers.Get("From")).Append("\r\n")
            .Append("Call-ID: ").Append(callId ?? subscribe.CallId).Append("\r\n")
            .Append("CSeq: ").Append(cseq).Append(" NOTIFY\r\n")
            .Append("Contact: <sip:pa@127.0.0.1:5070>\r\n")
            .Append("Event: presence\r\n")
            .Append("Subscription-State: ").Append(state).Append("\r\n");
        if (body is not null)
        {
            text.Append("Content-Type: application/pidf+xml\r\n");
        }

        text.Append("Content-Length: ").Append(Encoding.UTF8.GetByteCount(body ?? "")).Append("\r\n\r\n").Append(body);
        return (SipRequest)SipParser.Parse(text.ToString());
    }
}
