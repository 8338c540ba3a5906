using System.Net;
using Akka.Cluster;
using ClusterSip.InteractionProxy.Client.Tests.Support;
using ClusterSip.InteractionProxy.Tests.Support;
using ClusterSip.InteractionProxy.Wire;
using Xunit.Abstractions;

namespace ClusterSip.InteractionProxy.Client.Tests;

/// <summary>The feed against running proxies over TCP, with a relay in between to cut the connection.</summary>
public sealed class ProxyFeedTests(ITestOutputHelper output) : ProxyTest(output)
{
    // The client cluster keeps the interactions of a node that is away for longer than a test runs.
    protected override ProxySettings Settings => ProxyNode.Settings(s => s with
    {
        DisconnectGrace = TimeSpan.FromMinutes(1),
        Secrets = new Dictionary<string, string> { ["guarded"] = "open-sesame" },
    });

    [Fact]
    public async Task A_cut_connection_is_resumed_after_the_last_SequenceId_with_no_gap_and_no_duplicate()
    {
        using var relay = new TcpRelay(Node.EndPoint);
        await using var feed = new FeedRecorder(new ProxyFeed(Options(relay.EndPoint)));
        Assert.False((await feed.NextAsync<FeedConnected>()).Ack.Resumed);
        Assert.Equal(ServerLine.EventPrivateInfo, Assert.Single(await feed.LinesAsync(1)).Message);
        await Node.AwaitNodeAsync("crm", "n1");

        var call = new TestCall("c-1");
        await PublishAsync(call.Initiated(), call.Ringing());
        var seen = await feed.LinesAsync(2);

        relay.CutAll();
        await feed.NextAsync<FeedDisconnected>();
        // Some of these happen while the client is away (a replay), some after it is back (live): either way, in order.
        await PublishAsync(call.Answered(), call.Held(), call.Retrieved());
        var resumed = await feed.NextAsync<FeedConnected>();
        Assert.True(resumed.Ack.Resumed);
        Assert.Equal(3L, resumed.SequenceId);
        await PublishAsync(call.Released());
        seen.AddRange(await feed.LinesAsync(4));

        Assert.Equal([2L, 3L, 4L, 5L, 6L, 7L], seen.Select(l => l.SequenceId!.Value));
        Assert.Equal(["EventDialing", "EventRinging", "EventEstablished", "EventHeld", "EventRetrieved", "EventReleased"], seen.Select(l => l.Message));
        Assert.Equal(7L, feed.Feed.LastSequenceId);
        Assert.Equal(2, relay.Accepted);
    }

    [Fact]
    public async Task A_lost_node_is_replaced_by_the_next_address_where_the_session_resumes()
    {
        await using var second = await ProxyNode.StartAsync(
            ProxyNode.NewSystem("iproxy"), new CallstoreGroups([Callstore]), Settings, Cluster.Get(Sys).SelfAddress, ownsSystem: true);
        await Until.True(() => Task.FromResult(Cluster.Get(Sys).State.Members.Count(m => m.Status == MemberStatus.Up) == 2), "two members up");
        using var relay = new TcpRelay(Node.EndPoint);
        await using var feed = new FeedRecorder(new ProxyFeed(Options(relay.EndPoint, second.EndPoint)));
        Assert.Equal(relay.EndPoint.Port, (await feed.NextAsync<FeedConnected>()).Address.Port);
        await feed.LinesAsync(1);
        await Node.AwaitNodeAsync("crm", "n1");

        var call = new TestCall("c-2");
        await PublishAsync(call.Initiated());
        await feed.LinesAsync(1);
        relay.CutAll();
        await feed.NextAsync<FeedDisconnected>();
        await PublishAsync(call.Ringing());

        var failedOver = await feed.NextAsync<FeedConnected>();
        Assert.Equal((second.EndPoint.Port, true), (failedOver.Address.Port, failedOver.Ack.Resumed));
        await PublishAsync(call.Answered());
        var lines = await feed.LinesAsync(2);
        Assert.Equal([("EventRinging", 3L), ("EventEstablished", 4L)], lines.Select(l => (l.Message, l.SequenceId!.Value)));
    }

    [Fact]
    public async Task An_address_that_refuses_connections_is_reported_and_the_next_one_is_tried()
    {
        var nobody = new IPEndPoint(IPAddress.Loopback, FreePorts.Next());
        await using var feed = new FeedRecorder(new ProxyFeed(Options(nobody, Node.EndPoint)));
        var refused = await feed.NextAsync<FeedDisconnected>();
        Assert.Equal(nobody.Port, refused.Address.Port);
        Assert.StartsWith("cannot connect", refused.Reason);
        Assert.Equal(Node.EndPoint.Port, (await feed.NextAsync<FeedConnected>()).Address.Port);
    }

    [Fact]
    public async Task A_refused_registration_ends_the_feed_with_the_servers_EventError()
    {
        var options = Options(Node.EndPoint) with { Registration = new ProxyRegistration("guarded", "n1", "s-stranger") };
        await using var feed = new FeedRecorder(new ProxyFeed(options));
        var refused = Assert.IsType<ProxyErrorException>(await feed.EndedAsync());
        Assert.Equal(ErrorCodes.Refused, refused.ErrorCode);
    }

    [Fact]
    public async Task A_session_registered_on_another_connection_ends_the_feed_instead_of_taking_it_back()
    {
        await using var feed = new FeedRecorder(new ProxyFeed(Options(Node.EndPoint)));
        await feed.NextAsync<FeedConnected>();
        await feed.LinesAsync(1);

        using var other = await ConnectAsync();
        await other.RegisterAsync("crm", "n1", "s-feed");
        Assert.Equal(ErrorCodes.TakenOver, (await feed.NextAsync<FeedLine>()).Line.Json.GetProperty("ErrorCode").GetInt32());
        Assert.Equal(ErrorCodes.TakenOver, Assert.IsType<ProxyErrorException>(await feed.EndedAsync()).ErrorCode);
    }

    private static FeedOptions Options(params IPEndPoint[] addresses) =>
        new(addresses.Select(a => new ProxyAddress(a.Address.ToString(), a.Port)).ToList(), new ProxyRegistration("crm", "n1", "s-feed"))
        {
            FirstRetry = TimeSpan.FromMilliseconds(50),
        };
}
