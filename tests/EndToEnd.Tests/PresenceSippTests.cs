using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Akka.Actor;
using ClusterSip.EndToEnd.Tests.Support;
using ClusterSip.Node.Management;
using ClusterSip.Presence;
using ClusterSip.Sip.Messages;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.EndToEnd.Tests;

/// <summary>
/// Presence against SIPp (scripts/sipp/presence-*.xml): SIPp plays the presence server the node's B2B UA subscribes
/// to, a stranger sending a NOTIFY, and a phone publishing to the node's agent.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PresenceSippTests
{
    private static readonly TimeSpan SippLimit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_notify_before_the_200_delivers_the_status_and_the_unsubscribe_gets_its_terminating_notify()
    {
        var port = FreePorts.Next();
        await using var server = await Sipp.StartCalleeAsync(port, "-sf", Sipp.Scenario("presence-server.xml"), "-m", "1", "-timeout", "60s");
        await using var node = await ProxyNode.StartAsync();
        var presentity = $"sip:bob@127.0.0.1:{port}";

        var id = await Subscribe(node, presentity);

        Assert.Equal("open", (await StatusOf(node, presentity)).Tuples.Single().Basic);
        using var deleted = await node.Node.Api.DeleteAsync($"/presence/subscriptions/{Uri.EscapeDataString(id)}");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var run = await server.WaitForExitAsync(SippLimit);
        Assert.True(run.ExitCode == 0 && run.SuccessfulCalls == 1, run.ToString());
    }

    [Fact]
    public async Task A_shorter_expiry_granted_than_asked_is_refreshed_resubscribe_delta_before_it_ends()
    {
        var port = FreePorts.Next();
        await using var server = await Sipp.StartCalleeAsync(port, "-sf", Sipp.Scenario("presence-server-refresh.xml"), "-m", "1", "-timeout", "60s");
        await using var node = await ProxyNode.StartAsync("cluster-sip.presence_b2b.resubscribe_delta=3", "cluster-sip.presence_b2b.min_resubscribe_time=1");

        await Subscribe(node, $"sip:bob@127.0.0.1:{port}");

        var run = await server.WaitForExitAsync(SippLimit);
        Assert.True(run.ExitCode == 0 && run.SuccessfulCalls == 1, run.ToString());
    }

    [Fact]
    public async Task Without_a_terminating_notify_the_unsubscribed_subscription_is_destroyed_after_wait_for_term_notify()
    {
        var port = FreePorts.Next();
        await using var server = await Sipp.StartCalleeAsync(port, "-sf", Sipp.Scenario("presence-server-silent.xml"), "-m", "1", "-timeout", "60s");
        await using var node = await ProxyNode.StartAsync("cluster-sip.presence_b2b.wait_for_term_notify=2");
        var id = await Subscribe(node, $"sip:bob@127.0.0.1:{port}");
        await Eventually.Value(() => node.Node.Api.GetJsonAsync<PresenceSubscriptionsResponse>("/presence/subscriptions"), l => l.Subscriptions.Any(s => s.State == "active"), "the 200");

        using var deleted = await node.Node.Api.DeleteAsync($"/presence/subscriptions/{Uri.EscapeDataString(id)}");
        var run = await server.WaitForExitAsync(SippLimit);
        var answered = Stopwatch.StartNew();
        Assert.True(run.ExitCode == 0 && run.SuccessfulCalls == 1, run.ToString());
        Assert.DoesNotContain("destroyed without it", node.Node.Log);

        await node.Node.WaitForLogAsync("no terminating NOTIFY within wait_for_term_notify; destroyed without it");
        Assert.True(answered.Elapsed >= TimeSpan.FromSeconds(1), $"destroyed {answered.Elapsed} after the unsubscribe was answered");
    }

    [Fact]
    public async Task A_404_is_retried_after_on_error_retry_time_with_a_new_subscribe_that_succeeds()
    {
        var port = FreePorts.Next();
        var presentity = $"sip:bob@127.0.0.1:{port}";
        await using var node = await ProxyNode.StartAsync("cluster-sip.presence_b2b.on_error_retry_time=3");
        Stopwatch refused;
        await using (var refusing = await Sipp.StartCalleeAsync(port, "-sf", Sipp.Scenario("presence-server-404.xml"), "-m", "1", "-timeout", "60s"))
        {
            await Subscribe(node, presentity);
            var run = await refusing.WaitForExitAsync(SippLimit);
            refused = Stopwatch.StartNew();
            Assert.True(run.ExitCode == 0 && run.SuccessfulCalls == 1, run.ToString());
        }

        Assert.Equal("retrying", (await node.Node.Api.GetJsonAsync<PresenceSubscriptionsResponse>("/presence/subscriptions")).Subscriptions.Single().State);
        await using var server = await Sipp.StartCalleeAsync(port, "-sf", Sipp.Scenario("presence-server.xml"), "-m", "1", "-timeout", "60s");

        Assert.Equal("open", (await StatusOf(node, presentity)).Tuples.Single().Basic);
        Assert.True(refused.Elapsed >= TimeSpan.FromSeconds(2), $"the retry came {refused.Elapsed} after the 404 was sent");
    }

    [Fact]
    public async Task The_outbound_proxy_the_route_of_the_first_subscribe_and_the_additional_headers_are_on_the_wire()
    {
        var port = FreePorts.Next();
        await using var server = await Sipp.StartCalleeAsync(port, "-sf", Sipp.Scenario("presence-server-proxy.xml"), "-m", "1", "-timeout", "60s");
        await using var node = await ProxyNode.StartAsync(
            $"cluster-sip.presence_b2b.presence_outbound_proxy=\"sip:127.0.0.1:{port}\"",
            "cluster-sip.presence_b2b.presence_route=\"<sip:route.invalid;lr>\"",
            "cluster-sip.presence_b2b.additional_presence_headers=\"X-Presence: b2b\"",
            "cluster-sip.presence_b2b.min_resubscribe_time=0");

        await Subscribe(node, "sip:bob@presence.invalid");

        var run = await server.WaitForExitAsync(SippLimit);
        Assert.True(run.ExitCode == 0 && run.SuccessfulCalls == 1, run.ToString());
    }

    [Fact]
    public async Task A_notify_for_no_subscription_is_answered_481_unable_to_handle_notification()
    {
        await using var node = await ProxyNode.StartAsync();

        var run = await Sipp.RunAsync(SippLimit, "-sf", Sipp.Scenario("presence-notify-unknown.xml"), node.Target, "-i", "127.0.0.1", "-p", FreePorts.Next().ToString(), "-m", "1", "-timeout", "60s");

        Assert.True(run.ExitCode == 0 && run.SuccessfulCalls == 1, run.ToString());
    }

    [Fact]
    public async Task A_phone_publishing_open_then_closed_is_seen_by_an_internal_subscriber_and_a_sip_watcher_of_the_agent()
    {
        await using var node = await ProxyNode.StartAsync("cluster-sip.presence.domains=[\"example.com\"]", "cluster-sip.presence.accept_internal_subscriptions=1");
        var seen = new ConcurrentQueue<string>();
        var system = node.Node.Node.ActorSystem;
        var watcher = system.ActorOf(Props.Create(() => new BasicRecorder(seen)));
        system.ActorSelection($"/user/{PresenceEndpoints.RouterName}").Tell(new SubscribePresence("sip:bob@example.com", "sip:alice@example.com", watcher));
        await Eventually.Value(() => Task.FromResult(seen.ToArray()), s => s.Length == 1, "the agent's state at subscription");
        using var sipWatcher = new LoopbackUa();
        var notified = new ConcurrentQueue<string>();
        await sipWatcher.Send(node.EndPoint, WatcherSubscribe(sipWatcher));
        var watching = AnswerNotifies(sipWatcher, node.EndPoint, notified);
        await Eventually.Value(() => Task.FromResult(notified.ToArray()), n => n.Length == 1, "the SIP watcher's first NOTIFY");

        var run = await Sipp.RunAsync(SippLimit, "-sf", Sipp.Scenario("presence-publish.xml"), node.Target, "-s", "bob", "-i", "127.0.0.1", "-p", FreePorts.Next().ToString(), "-m", "1", "-timeout", "60s");

        Assert.True(run.ExitCode == 0 && run.SuccessfulCalls == 1, run.ToString());
        var statuses = await Eventually.Value(() => Task.FromResult(seen.ToArray()), s => s.Length == 3, "open, then closed");
        Assert.Equal(["closed", "open", "closed"], statuses);
        await watching.WaitAsync(SippLimit);
        Assert.Equal(["none", "open", "closed"], notified.ToArray());
    }

    private static string WatcherSubscribe(LoopbackUa ua) =>
        $"SUBSCRIBE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP {ua.EndPoint};branch=z9hG4bK-{Guid.NewGuid():N}\r\nMax-Forwards: 70\r\n" +
        $"From: <sip:carol@example.com>;tag=w1\r\nTo: <sip:bob@example.com>\r\nCall-ID: watch-{Guid.NewGuid():N}\r\nCSeq: 1 SUBSCRIBE\r\n" +
        $"Event: presence\r\nExpires: 600\r\nAccept: application/pidf+xml\r\nContact: <sip:carol@{ua.EndPoint}>\r\nContent-Length: 0\r\n\r\n";

    /// <summary>Answers the watcher's NOTIFYs 200 and keeps each one's basic status ("none" without a tuple) until it saw open, then closed.</summary>
    private static async Task AnswerNotifies(LoopbackUa ua, IPEndPoint node, ConcurrentQueue<string> notified)
    {
        while (!notified.SkipWhile(b => b != "open").Contains("closed"))
        {
            var notify = (SipRequest)await ua.Receive(m => m is SipRequest { Method: "NOTIFY" }, SippLimit);
            await ua.Send(node, SipResponse.CreateFor(notify, 200));
            var basic = Regex.Match(Encoding.UTF8.GetString(notify.Body.Span), "<basic>(\\w+)</basic>");
            notified.Enqueue(basic.Success ? basic.Groups[1].Value : "none");
        }
    }

    private static async Task<string> Subscribe(ProxyNode node, string presentity)
    {
        using var created = await node.Node.Api.PostJsonAsync("/presence/subscriptions", new { presentity, subscriber = "sip:alice@example.com" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<PresenceSubscriptionCreated>(ManagementClient.Json))!.Id;
    }

    private static Task<PresenceStatusResponse> StatusOf(ProxyNode node, string presentity) => Eventually.Value(
        () => node.Node.Api.GetJsonAsync<PresenceStatusResponse>($"/presence/status/{Uri.EscapeDataString(presentity)}"),
        s => s.Tuples.Count == 1,
        "the status SIPp notified");

    /// <summary>An internal subscriber: keeps the basic value (as the PRESENCE event sums it up) of each status it gets.</summary>
    private sealed class BasicRecorder : ReceiveActor
    {
        public BasicRecorder(ConcurrentQueue<string> seen) => Receive<PresenceStatus>(s => seen.Enqueue(PresenceEvent.Summary(s.Document).Basic));
    }
}
