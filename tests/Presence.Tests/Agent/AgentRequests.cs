using System.Text;
using ClusterSip.Presence.Agent;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Presence.Tests.Agent;

/// <summary>PUBLISH and SUBSCRIBE requests as phones send them to the agent, and an agent state to send them to.</summary>
public static class AgentRequests
{
    public const string Presentity = "sip:bob@example.com";

    public static readonly PresenceAgentSettings Settings = new(
        ["example.com"], WatcherPolicy.AllowAll, AcceptInternalSubscriptions: false,
        DefaultExpires: 3600, MinExpires: 60, MaxExpires: 7200, AnswerTimeout: TimeSpan.FromSeconds(10), LocalContact: AnyUri.Parse("sip:127.0.0.1:5060"));

    public static SipRequest Publish(string? body, string? ifMatch = null, int? expires = null, string @event = "presence", string contentType = "application/pidf+xml") =>
        Request("PUBLISH", Presentity, "sip:bob@example.com;tag=pub1", Presentity, $"Event: {@event}\r\n"
            + (ifMatch is null ? "" : $"SIP-If-Match: {ifMatch}\r\n")
            + (expires is null ? "" : $"Expires: {expires}\r\n")
            + (body is null ? "" : $"Content-Type: {contentType}\r\n"), body);

    public static SipRequest Subscribe(string from = "sip:alice@example.com", string? toTag = null, string callId = "watch-1", int? expires = null, string extra = "") =>
        Request("SUBSCRIBE", Presentity, from + ";tag=w1", toTag is null ? Presentity : $"{Presentity};tag={toTag}",
            "Event: presence;id=7\r\nAccept: application/pidf+xml\r\nContact: <sip:alice@10.0.0.9:5062>\r\n"
            + "Record-Route: <sip:rr1.example.com;lr>, <sip:rr2.example.com;lr>\r\n"
            + (expires is null ? "" : $"Expires: {expires}\r\n") + extra, null, callId);

    public static string Pidf(string basic, string tuple = "t1") =>
        $"<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='{Presentity}'><tuple id='{tuple}'><status><basic>{basic}</basic></status></tuple></presence>";

    public static AgentDecision Applied(this PresentityState state, AgentDecision decision)
    {
        foreach (var e in decision.Events)
        {
            state.Apply(e);
        }

        return decision;
    }

    private static SipRequest Request(string method, string uri, string from, string to, string headers, string? body, string callId = "pub-call") =>
        (SipRequest)SipParser.Parse(new StringBuilder()
            .Append($"{method} {uri} SIP/2.0\r\n")
            .Append("Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bK").Append(Guid.NewGuid().ToString("N")).Append("\r\n")
            .Append("Max-Forwards: 70\r\n")
            .Append($"From: <{from.Split(';')[0]}>;{from.Split(';', 2)[1]}\r\n")
            .Append($"To: <{to.Split(';')[0]}>").Append(to.Contains(';') ? ";" + to.Split(';', 2)[1] : "").Append("\r\n")
            .Append($"Call-ID: {callId}\r\nCSeq: 1 {method}\r\n")
            .Append(headers)
            .Append($"Content-Length: {Encoding.UTF8.GetByteCount(body ?? "")}\r\n\r\n")
            .Append(body)
            .ToString());
}
