using System.Net;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;
using ClusterSip.Sip.Stack.Transport;

namespace ClusterSip.Sip.Stack.Tests.Support;

/// <summary>Builds parsed SIP messages for tests.</summary>
public static class SipTestMessages
{
    public static readonly SipEndPoint Caller = Udp("10.0.0.1", 5060);
    public static readonly SipEndPoint CalleeA = Udp("10.0.0.2", 5060);
    public static readonly SipEndPoint CalleeB = Udp("10.0.0.3", 5060);

    public static SipEndPoint Udp(string ip, int port) => new(SipProtocol.Udp, new IPEndPoint(IPAddress.Parse(ip), port));

    public static SipRequest Request(
        string method,
        string uri = "sip:bob@10.0.0.2",
        string branch = "z9hG4bKcaller1",
        string callId = "call-1",
        uint cseq = 1,
        int maxForwards = 70,
        string? toTag = null,
        string via = "SIP/2.0/UDP 10.0.0.1:5060",
        IEnumerable<string>? routes = null,
        IEnumerable<string>? extraHeaders = null)
    {
        var lines = new List<string>
        {
            $"{method} {uri} SIP/2.0",
            $"Via: {via};branch={branch}",
            $"Max-Forwards: {maxForwards}",
            "From: <sip:alice@example.com>;tag=alice1",
            "To: <sip:bob@example.com>" + (toTag is null ? string.Empty : ";tag=" + toTag),
            $"Call-ID: {callId}",
            $"CSeq: {cseq} {(method == "ACK" || method == "CANCEL" ? method : method)}",
            "Contact: <sip:alice@10.0.0.1:5060>",
        };
        lines.AddRange((routes ?? []).Select(r => "Route: " + r));
        lines.AddRange(extraHeaders ?? []);
        lines.Add("Content-Length: 0");
        return (SipRequest)SipParser.Parse(string.Join("\r\n", lines) + "\r\n\r\n");
    }

    /// <summary>A response to a request as its UAS would send it (all Vias copied, To tag added).</summary>
    public static SipResponse ResponseTo(SipRequest request, int code, string? toTag = "callee1") =>
        (SipResponse)SipParser.Parse(SipResponse.CreateFor(request, code, toTag: code == 100 ? null : toTag).ToBytes());

    public static InboundMessage From(SipMessage message, SipEndPoint remote) =>
        new(message, FakeTransport.LocalUdp, remote, 0);
}
