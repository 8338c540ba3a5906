using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using ClusterSip.Node.Management;
using ClusterSip.Node.Sip;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.Node.Tests;

/// <summary>A node's presence B2B UA against a presence server played over UDP on loopback, driven through the management API.</summary>
public sealed class PresenceApiTests : IAsyncLifetime
{
    private readonly IPEndPoint _sip = new(IPAddress.Loopback, FreePorts.Next());
    private readonly UdpClient _server = new(new IPEndPoint(IPAddress.Loopback, 0));
    private InProcessNode _node = null!;

    private string Presentity => $"sip:bob@{_server.Client.LocalEndPoint}";

    public async Task InitializeAsync() =>
        _node = await InProcessNode.StartAsync(features: [new SipFeature()], sets: $"cluster-sip.sip.listen=[\"udp:{_sip}\"]");

    public async Task DisposeAsync()
    {
        _server.Dispose();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task A_subscription_made_through_the_api_subscribes_over_sip_and_shows_the_notified_status()
    {
        using var created = await _node.Api.PostJsonAsync("/presence/subscriptions", new { presentity = Presentity, subscriber = "sip:alice@example.com" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<PresenceSubscriptionCreated>(ManagementClient.Json))!.Id;

        var subscribe = await ReceiveRequestAsync();
        Assert.Equal("SUBSCRIBE", subscribe.Method);
        Assert.Equal("presence", subscribe.Headers.Get("Event"));
        Assert.Equal("application/pidf+xml", subscribe.Headers.Get("Accept"));
        Assert.Equal(3600, subscribe.Expires);
        var answer = SipResponse.CreateFor(subscribe, 200, toTag: "pa");
        answer.Headers.Add("Expires", "600");
        answer.Headers.Add("Contact", $"<sip:pa@{_server.Client.LocalEndPoint}>");
        await _server.SendAsync(answer.ToBytes(), _sip);

        var notifyAnswer = await SendAsync(Notify(subscribe, subscribe.CallId!, "open"));
        Assert.StartsWith("SIP/2.0 200", notifyAnswer);

        var status = await Eventually.Value(
            () => _node.Api.GetJsonAsync<PresenceStatusResponse>($"/presence/status/{Uri.EscapeDataString(Presentity)}"),
            s => s.Tuples.Count == 1,
            "the status of the NOTIFY");
        Assert.Equal("open", status.Tuples[0].Basic);
        var listed = await _node.Api.GetJsonAsync<PresenceSubscriptionsResponse>("/presence/subscriptions");
        Assert.Equal("active", Assert.Single(listed.Subscriptions).State);

        using var deleted = await _node.Api.DeleteAsync($"/presence/subscriptions/{Uri.EscapeDataString(id)}");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var unsubscribe = await ReceiveRequestAsync(r => r.Expires == 0);
        Assert.Equal("pa", unsubscribe.To!.Tag);
    }

    [Fact]
    public async Task A_notify_for_no_subscription_of_the_node_is_answered_481_unable_to_handle_notification()
    {
        var stray = (SipRequest)SipParser.Parse(
            $"SUBSCRIBE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP {_server.Client.LocalEndPoint};branch=z9hG4bKs\r\n" +
            $"From: <sip:alice@example.com>;tag=ours\r\nTo: <sip:bob@example.com>\r\nCall-ID: stray\r\nCSeq: 1 SUBSCRIBE\r\nContact: <sip:{_sip}>\r\nContent-Length: 0\r\n\r\n");

        var answer = await SendAsync(Notify(stray, "no-such-call", "open"));

        Assert.StartsWith("SIP/2.0 481 Unable to handle notification", answer);
    }

    [Fact]
    public async Task A_subscription_with_an_address_that_is_not_a_uri_gets_400()
    {
        using var response = await _node.Api.PostJsonAsync("/presence/subscriptions", new { presentity = "bob", subscriber = "sip:alice@example.com" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("presentity \\\"bob\\\" is not a URI", await response.Content.ReadAsStringAsync());
    }

    private string Notify(SipRequest subscribe, string callId, string basic)
    {
        var body = $"<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='{Presentity}'><tuple id='t'><status><basic>{basic}</basic></status></tuple></presence>";
        return $"NOTIFY sip:{_sip} SIP/2.0\r\n" +
               $"Via: SIP/2.0/UDP {_server.Client.LocalEndPoint};branch=z9hG4bK{Guid.NewGuid():N}\r\n" +
               "Max-Forwards: 70\r\n" +
               $"From: {subscribe.Headers.Get("To")};tag=pa\r\n" +
               $"To: {subscribe.Headers.Get("From")}\r\n" +
               $"Call-ID: {callId}\r\nCSeq: 1 NOTIFY\r\n" +
               $"Contact: <sip:pa@{_server.Client.LocalEndPoint}>\r\n" +
               "Event: presence\r\nSubscription-State: active;expires=600\r\nContent-Type: application/pidf+xml\r\n" +
               $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";
    }

    private async Task<string> SendAsync(string request)
    {
        await _server.SendAsync(Encoding.UTF8.GetBytes(request), _sip);
        while (true)
        {
            var text = Encoding.UTF8.GetString((await ReceiveAsync()).Buffer);
            if (text.StartsWith("SIP/2.0 ", StringComparison.Ordinal) && !text.StartsWith("SIP/2.0 1", StringComparison.Ordinal))
            {
                return text;
            }
        }
    }

    private async Task<SipRequest> ReceiveRequestAsync(Func<SipRequest, bool>? wanted = null)
    {
        while (true)
        {
            if (SipParser.Parse((await ReceiveAsync()).Buffer) is SipRequest request && (wanted is null || wanted(request)))
            {
                return request;
            }
        }
    }

    private async Task<UdpReceiveResult> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        return await _server.ReceiveAsync(timeout.Token);
    }
}
