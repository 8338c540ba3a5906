using System.Net;
using System.Net.Sockets;
using System.Text;
using ClusterSip.InteractionProxy.Client.Tests.Support;

namespace ClusterSip.InteractionProxy.Client.Tests;

/// <summary>A server that breaks the protocol: the feed reports each bad line and goes on with the next.</summary>
public sealed class BadServerLineTests
{
    private const string Ack = """{"message":"EventACK","AttributeExtensions":{"events-in-cache":0,"session-status":"reset"}}""";

    [Fact]
    public async Task Each_kind_of_bad_line_is_reported_and_the_good_lines_around_it_arrive()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var server = ServeAsync(listener,
            Ack,
            "this is not JSON",
            "[1,2]",
            """{"SequenceId":"0000000000000001"}""",
            """{"message":"EventRinging","ConnID":"c-1"}""",
            """{"message":"EventRinging","SequenceId":"42"}""",
            Event(1),
            Event(1),
            Event(2));

        await using var feed = new FeedRecorder(new ProxyFeed(new FeedOptions(
            [new ProxyAddress("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port)], new ProxyRegistration("crm", "n1", "s-bad"))));
        await feed.NextAsync<FeedConnected>();
        Assert.StartsWith("not JSON", (await feed.NextAsync<FeedBadLine>()).Reason);
        Assert.Equal("not a JSON object", (await feed.NextAsync<FeedBadLine>()).Reason);
        Assert.Equal("no \"message\" string", (await feed.NextAsync<FeedBadLine>()).Reason);
        Assert.Equal("EventRinging without a \"SequenceId\"", (await feed.NextAsync<FeedBadLine>()).Reason);
        Assert.Equal("\"SequenceId\" is not a 16-digit string", (await feed.NextAsync<FeedBadLine>()).Reason);
        Assert.Equal(1L, (await feed.NextAsync<FeedLine>()).Line.SequenceId);
        Assert.Equal("SequenceId 1 again: the last was 1", (await feed.NextAsync<FeedBadLine>()).Reason);
        Assert.Equal(2L, (await feed.NextAsync<FeedLine>()).Line.SequenceId);
        await server;
    }

    [Fact]
    public async Task A_line_longer_than_the_limit_is_skipped_and_the_lines_after_it_arrive_whole()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var large = $$$"""{"message":"EventAttachedDataChanged","SequenceId":"0000000000000001","UserData":{"blob":"{{{new string('b', 30_000)}}}"}}""";
        var server = ServeAsync(listener, Ack, new string('x', 60_000), large, Event(2));

        var options = new FeedOptions([new ProxyAddress("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port)], new ProxyRegistration("crm", "n1", "s-long"))
        {
            MaxLineBytes = 50_000,
        };
        await using var feed = new FeedRecorder(new ProxyFeed(options));
        await feed.NextAsync<FeedConnected>();
        Assert.Equal("a line longer than 50000 bytes was skipped", (await feed.NextAsync<FeedBadLine>()).Reason);
        Assert.Equal(large, (await feed.NextAsync<FeedLine>()).Line.Text);
        Assert.Equal(2L, (await feed.NextAsync<FeedLine>()).Line.SequenceId);
        await server;
    }

    [Fact]
    public async Task A_server_that_answers_the_registration_with_no_EventACK_is_left_for_the_next_attempt()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var server = ServeAsync(listener, """{"message":"EventRinging","SequenceId":"0000000000000001"}""");

        var options = new FeedOptions([new ProxyAddress("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port)], new ProxyRegistration("crm", "n1", "s-noack"));
        await using var feed = new FeedRecorder(new ProxyFeed(options));
        Assert.Contains("no valid EventACK", (await feed.NextAsync<FeedDisconnected>()).Reason);
        await server;
    }

    private static string Event(long sequence) =>
        $$"""{"message":"EventRinging","SequenceId":"{{SequenceIds.Format(sequence)}}","ConnID":"c-1"}""";

    /// <summary>Accepts one client, reads its registration, sends the lines and keeps the connection open until the client leaves.</summary>
    private static async Task ServeAsync(TcpListener listener, params string[] lines)
    {
        using var client = await listener.AcceptTcpClientAsync().WaitAsync(ProxyClient.ReadBound);
        var stream = client.GetStream();
        using var reader = new StreamReader(stream);
        Assert.Contains("TPrivateService", await reader.ReadLineAsync().WaitAsync(ProxyClient.ReadBound));
        await stream.WriteAsync(Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n"))));
    }
}
