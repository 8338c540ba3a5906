using System.Net;
using System.Text;
using ClusterSip.Node.Sip;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.Node.Tests;

/// <summary>The presence agent reached over SIP: a user agent on loopback publishes its state and another subscribes to it.</summary>
public sealed class PresenceAgentSipTests : IAsyncLifetime
{
    private readonly IPEndPoint _sip = new(IPAddress.Loopback, FreePorts.Next());
    private readonly LoopbackUa _ua = new();
    private InProcessNode _node = null!;

    private string Local => _ua.EndPoint.ToString();

    public async Task InitializeAsync() =>
        _node = await InProcessNode.StartAsync(features: [new SipFeature()], sets: [$"cluster-sip.sip.listen=[\"udp:{_sip}\"]", "cluster-sip.presence.domains=[\"example.com\"]"]);

    public async Task DisposeAsync()
    {
        _ua.Dispose();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task A_published_state_is_notified_to_a_new_subscriber_in_the_dialog_the_200_names()
    {
        var published = await _ua.Request(_sip, Request(
            "PUBLISH sip:bob@example.com SIP/2.0", "pub-1", "From: <sip:bob@example.com>;tag=p1", "To: <sip:bob@example.com>", "CSeq: 1 PUBLISH",
            "Event: presence", "Expires: 600", "Content-Type: application/pidf+xml", Pidf("open")));
        Assert.Equal(200, published.StatusCode);
        Assert.NotNull(published.Headers.Get("SIP-ETag"));

        await _ua.Send(_sip, Request(
            "SUBSCRIBE sip:bob@example.com SIP/2.0", "sub-1", "From: <sip:alice@example.com>;tag=w1", "To: <sip:bob@example.com>", "CSeq: 1 SUBSCRIBE",
            "Event: presence", "Expires: 600", $"Contact: <sip:alice@{Local}>", "Accept: application/pidf+xml", null));
        // The 200 and the first NOTIFY may come in either order.
        var messages = new[] { await _ua.Receive(NotTrying), await _ua.Receive(NotTrying) };
        var answer = Assert.Single(messages.OfType<SipResponse>());
        var notify = Assert.Single(messages.OfType<SipRequest>());

        Assert.Equal(200, answer.StatusCode);
        Assert.Equal("NOTIFY", notify.Method);
        Assert.Equal(answer.To!.Tag, notify.From!.Tag);
        Assert.Equal("w1", notify.To!.Tag);
        Assert.StartsWith("active", notify.Headers.Get("Subscription-State"));
        Assert.Contains("<basic>open</basic>", Encoding.UTF8.GetString(notify.Body.Span));
    }

    [Fact]
    public async Task A_subscribe_for_a_domain_the_agent_does_not_serve_is_left_to_the_route_script()
    {
        var answer = await _ua.Request(_sip, Request(
            "SUBSCRIBE sip:bob@elsewhere.test SIP/2.0", "sub-2", "From: <sip:alice@example.com>;tag=w2", "To: <sip:bob@elsewhere.test>", "CSeq: 1 SUBSCRIBE",
            "Event: presence", "Expires: 600", $"Contact: <sip:alice@{Local}>", null));

        Assert.Equal(404, answer.StatusCode); // the default script with no route for the domain
    }

    public static string Pidf(string basic) =>
        $"""<?xml version="1.0" encoding="UTF-8"?><presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:bob@example.com"><tuple id="t1"><status><basic>{basic}</basic></status></tuple></presence>""";

    private string Request(string requestLine, string callId, string from, string to, string cseq, params string?[] rest)
    {
        var body = rest[^1] ?? "";
        var headers = string.Join("", rest[..^1].Select(h => h + "\r\n"));
        return $"{requestLine}\r\nVia: SIP/2.0/UDP {Local};branch=z9hG4bK{callId}\r\nMax-Forwards: 70\r\n{from}\r\n{to}\r\nCall-ID: {callId}@test\r\n{cseq}\r\n" +
               $"{headers}Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";
    }

    private static bool NotTrying(SipMessage message) => message is not SipResponse { StatusCode: 100 };
}
