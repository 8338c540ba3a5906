using System.Net;
using System.Net.Sockets;
using System.Text;
using Akka.Actor;
using ClusterSip.Dialogs;
using ClusterSip.Node.Management;
using ClusterSip.Node.Tests.Support;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.Node.Tests;

/// <summary>The dialogs' management routes and statistics on a node with SIP; the dialogs are made as the proxy makes them.</summary>
[Collection(NodesCollection.Name)]
public sealed class DialogApiTests(TokenNodeFixture fixture) : IClassFixture<TokenNodeFixture>
{
    private InProcessNode Node => fixture.Node;

    [Fact]
    public async Task An_answered_call_is_listed_shown_and_ended_with_bye_to_both_sides()
    {
        using var caller = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        using var callee = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var callId = Call(Port(caller), Port(callee));

        var shown = await Eventually.Value(() => Node.Api.GetJsonAsync<DialogResponse>($"/dialogs/{callId}"), d => d.State == "Confirmed", "the dialog confirmed");
        Assert.Equal(("sip:alice@example.com", "sip:bob@example.com", Node.ShortAddress), (shown.From.Uri, shown.To.Uri, shown.Node));
        var listed = await Node.Api.GetJsonAsync<DialogsResponse>("/dialogs?limit=1000");
        Assert.Contains(listed.Dialogs, d => d.CallId == callId);
        Assert.Empty(listed.Unanswered);

        using var ended = await Node.Api.DeleteAsync($"/dialogs/{callId}");

        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.StartsWith("BYE sip:bob@127.0.0.1:", await ReceiveAsync(callee));
        Assert.StartsWith("BYE sip:alice@127.0.0.1:", await ReceiveAsync(caller));
        await Eventually.Value(() => Node.Api.StatusOfAsync($"/dialogs/{callId}"), s => s == HttpStatusCode.NotFound, "the ended dialog gone");
    }

    [Fact]
    public async Task A_call_answered_by_two_callees_of_a_fork_shows_both_dialogs_and_ends_each_with_bye()
    {
        using var caller = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        using var first = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        using var second = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var callId = Call(Port(caller), Port(first), Port(second));

        var shown = await Eventually.Value(() => Node.Api.GetJsonAsync<DialogResponse>($"/dialogs/{callId}"), d => d.Dialogs?.Count == 2, "both answers shown");
        Assert.Equal("Confirmed", shown.State);
        Assert.Equal([(1, "b1", $"sip:bob@127.0.0.1:{Port(first)}", "Confirmed"), (2, "b2", $"sip:bob@127.0.0.1:{Port(second)}", "Confirmed")],
            shown.Dialogs!.Select(d => (d.Branch, d.CalleeTag, d.CalleeTarget, d.State)));
        Assert.All(shown.Dialogs!, d => Assert.Equal($"sip:alice@127.0.0.1:{Port(caller)}", d.CallerTarget));
        var listed = await Node.Api.GetJsonAsync<DialogsResponse>("/dialogs?limit=1000");
        Assert.Null(Assert.Single(listed.Dialogs, d => d.CallId == callId).Dialogs);

        using var ended = await Node.Api.DeleteAsync($"/dialogs/{callId}");

        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Contains("To: <sip:bob@example.com>;tag=b1", await ReceiveAsync(first));
        Assert.Contains("To: <sip:bob@example.com>;tag=b2", await ReceiveAsync(second));
        var toCaller = new[] { await ReceiveAsync(caller), await ReceiveAsync(caller) };
        Assert.Equal(["b1", "b2"], toCaller.Select(bye => ((SipRequest)SipParser.Parse(Encoding.UTF8.GetBytes(bye))).From!.Tag).Order());
    }

    [Fact]
    public async Task Ending_an_unanswered_call_is_a_conflict()
    {
        var callId = Call(5061);
        await Eventually.Value(() => Node.Api.StatusOfAsync($"/dialogs/{callId}"), s => s == HttpStatusCode.OK, "the dialog created");

        using var refused = await Node.Api.DeleteAsync($"/dialogs/{callId}");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("not answered", await refused.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("not-a-call-id", "not a call id of this cluster")]
    [InlineData("abc123-3130302e302e302e313a34303533", "not a member of the cluster")]
    public async Task An_unknown_call_is_404_with_a_reason(string callId, string reason)
    {
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Delete })
        {
            using var response = await Node.Api.SendAsync(new HttpRequestMessage(method, $"/dialogs/{callId}"));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains(reason, await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_call_id_of_this_node_that_has_no_dialog_is_404()
    {
        var callId = InteractionIds.New(Node.Node.SelfAddress);

        using var response = await Node.Api.GetAsync($"/dialogs/{callId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains($"no dialog '{callId}' on {Node.ShortAddress}", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("offset=-1")]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    [InlineData("limit=ten")]
    public async Task Bad_paging_is_400_with_a_reason(string query)
    {
        using var response = await Node.Api.GetAsync($"/dialogs?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("must be a whole number", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Paging_walks_the_dialogs_oldest_first()
    {
        Call(5061);
        Call(5061);
        var all = await Eventually.Value(() => Node.Api.GetJsonAsync<DialogsResponse>("/dialogs?limit=1000"), d => d.Total >= 2, "two dialogs");

        var second = await Node.Api.GetJsonAsync<DialogsResponse>("/dialogs?offset=1&limit=1");

        Assert.Equal((1, 1), (second.Offset, second.Limit));
        Assert.Equal(all.Dialogs[1].CallId, Assert.Single(second.Dialogs).CallId);
        Assert.Equal(all.Dialogs.OrderBy(d => d.StartTime).Select(d => d.CallId), all.Dialogs.Select(d => d.CallId));
    }

    [Fact]
    public async Task Dialog_statistics_have_the_dialog_module_names_and_need_the_token()
    {
        Call(5061);
        var statistics = await Eventually.Value(() => Node.Api.GetJsonAsync<StatisticsResponse>("/statistics/dialog"),
            s => s.Statistics["processed_dialogs"] >= 1, "a processed dialog");

        Assert.Equal(["active_dialogs", "early_dialogs", "expired_dialogs", "failed_dialogs", "processed_dialogs"], statistics.Statistics.Keys.Order(StringComparer.Ordinal));
        var metrics = await (await Node.Api.GetAsync("/metrics")).Content.ReadAsStringAsync();
        Assert.Contains("clustersip_dialogs_processed_dialogs", metrics);
        using var anonymous = new ManagementClient(Node.Node.ManagementUri);
        Assert.Equal(HttpStatusCode.Unauthorized, await anonymous.StatusOfAsync("/dialogs"));
    }

    /// <summary>
    /// A call from 127.0.0.1:<paramref name="callerPort"/>, answered on branch 1, 2, … by the callees at 127.0.0.1:<paramref name="answeredBy"/>
    /// (tags b1, b2, …; none: unanswered), fed to the node's dialogs as its proxy would.
    /// </summary>
    private string Call(int callerPort, params int[] answeredBy)
    {
        var callId = InteractionIds.New(Node.Node.SelfAddress);
        var sipCallId = SipIds.NewCallId("example.com");
        var invite = (SipRequest)SipParser.Parse(Encoding.UTF8.GetBytes(
            "INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK1\r\nMax-Forwards: 70\r\n" +
            $"From: Alice <sip:alice@example.com>;tag=a1\r\nTo: <sip:bob@example.com>\r\nCall-ID: {sipCallId}\r\nCSeq: 1 INVITE\r\n" +
            $"Contact: <sip:alice@127.0.0.1:{callerPort}>\r\nContent-Length: 0\r\n\r\n"));
        var dialog = fixture.SipFeature.Dialogs!.Create(DialogInputReader.Start(invite, callId, Node.ShortAddress)).Actor;
        foreach (var (port, branch) in answeredBy.Select((port, i) => (port, i + 1)))
        {
            dialog.Tell(new BranchResponse(branch, 200, $"<sip:bob@example.com>;tag=b{branch}", $"b{branch}", $"sip:bob@127.0.0.1:{port}", []));
        }

        return callId;
    }

    private static int Port(UdpClient client) => ((IPEndPoint)client.Client.LocalEndPoint!).Port;

    private static async Task<string> ReceiveAsync(UdpClient client)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var datagram = await client.ReceiveAsync(timeout.Token);
        return Encoding.UTF8.GetString(datagram.Buffer);
    }
}
