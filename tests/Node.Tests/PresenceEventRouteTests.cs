using System.Net;
using System.Text;
using ClusterSip.Node.RouteEvents;
using ClusterSip.Node.Sip;
using ClusterSip.Node.Tests.Support;
using ClusterSip.Sip.Messages;
using ClusterSip.Tests.Support;
using Xunit;
using static ClusterSip.Node.Tests.Support.SipRequests;

namespace ClusterSip.Node.Tests;

/// <summary>
/// The route event PRESENCE over real UDP: an INVITE parked by <see cref="PresenceWaitScript"/> until bob is open
/// resumes when bob PUBLISHes open to the node's agent, or when a presence server NOTIFYs the node's B2B UA.
/// </summary>
[Collection(NodesCollection.Name)]
public sealed class PresenceEventRouteTests : IAsyncLifetime
{
    private readonly IPEndPoint _sip = new(IPAddress.Loopback, FreePorts.Next());
    private readonly LoopbackUa _alice = new();
    private readonly LoopbackUa _phone = new();
    private InProcessNode _node = null!;

    public async Task InitializeAsync()
    {
        _node = await InProcessNode.StartAsync(features: [new SipFeature()], sets:
        [
            $"cluster-sip.sip.listen=[\"udp:{_sip}\"]",
            "cluster-sip.presence.domains=[\"example.com\"]",
            $"cluster-sip.routing.script=\"{typeof(PresenceWaitScript).AssemblyQualifiedName}\"",
        ]);
        await _node.Api.WaitUntilReadyAsync();
        PresenceWaitScript.Events = NodeRouteEvents.Of(_node.Node.ActorSystem);
    }

    public async Task DisposeAsync()
    {
        _alice.Dispose();
        _phone.Dispose();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task A_route_waiting_for_bob_to_be_open_resumes_when_bob_publishes_open_and_not_before()
    {
        await _alice.Send(_sip, Invite(_alice, "sip:bob@example.com"));
        await _alice.Receive(m => m is SipResponse { StatusCode: 100 });

        var closed = await _phone.Request(_sip, Publish("closed", "in a meeting"));
        Assert.Equal(200, closed.StatusCode);
        Assert.True(await _alice.Silent(m => m is SipResponse { IsFinal: true }, TimeSpan.FromMilliseconds(700)));
        Assert.Equal(200, (await _phone.Request(_sip, Publish("open", "back", closed.Headers.Get("SIP-ETag")))).StatusCode);

        var final = (SipResponse)await _alice.Receive(m => m is SipResponse { IsFinal: true });
        Assert.Equal(486, final.StatusCode);
        Assert.Equal("Open back (agent)", final.ReasonPhrase);
    }

    [Fact]
    public async Task A_route_waiting_for_a_remote_presentity_resumes_when_its_server_notifies_the_b2b_ua()
    {
        var presentity = $"sip:bob@{_phone.EndPoint}";
        using var created = await _node.Api.PostJsonAsync("/presence/subscriptions", new { presentity, subscriber = "sip:alice@example.com" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var subscribe = (SipRequest)await _phone.Receive(m => m is SipRequest { Method: SipMethods.Subscribe });
        var ok = SipResponse.CreateFor(subscribe, 200, toTag: "pa");
        ok.Headers.Add("Expires", "600");
        ok.Headers.Add("Contact", $"<sip:pa@{_phone.EndPoint}>");
        await _phone.Send(_sip, ok);

        await _alice.Send(_sip, Invite(_alice, presentity));
        await _alice.Receive(m => m is SipResponse { StatusCode: 100 });
        await _phone.Send(_sip, Notify(subscribe, presentity, "open", "at home"));

        var final = (SipResponse)await _alice.Receive(m => m is SipResponse { IsFinal: true });
        Assert.Equal("Open at home (b2b)", final.ReasonPhrase);
    }

    private string Publish(string basic, string note, string? etag = null) => Message(
        "PUBLISH sip:bob@example.com SIP/2.0",
        ["From: <sip:bob@example.com>;tag=phone", "To: <sip:bob@example.com>", $"Call-ID: pub-{Guid.NewGuid():N}", "CSeq: 1 PUBLISH",
         "Event: presence", "Expires: 600", .. etag is null ? Array.Empty<string>() : [$"SIP-If-Match: {etag}"]],
        Pidf("sip:bob@example.com", basic, note));

    private string Notify(SipRequest subscribe, string presentity, string basic, string note) => Message(
        $"NOTIFY sip:{_sip} SIP/2.0",
        [$"From: {subscribe.Headers.Get("To")};tag=pa", $"To: {subscribe.Headers.Get("From")}", $"Call-ID: {subscribe.CallId}", "CSeq: 1 NOTIFY",
         "Event: presence", "Subscription-State: active;expires=600"],
        Pidf(presentity, basic, note));

    private string Message(string requestLine, IEnumerable<string> headers, string body) =>
        $"{requestLine}\r\nVia: SIP/2.0/UDP {_phone.EndPoint};branch=z9hG4bK{Guid.NewGuid():N}\r\nMax-Forwards: 70\r\n" +
        string.Concat(headers.Select(h => h + "\r\n")) +
        $"Contact: <sip:pa@{_phone.EndPoint}>\r\nContent-Type: application/pidf+xml\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";

    private static string Pidf(string entity, string basic, string note) =>
        $"<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='{entity}'><tuple id='t1'><status><basic>{basic}</basic></status></tuple><note>{note}</note></presence>";
}
