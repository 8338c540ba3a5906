using System.Text.Json;
using ClusterSip.InteractionProxy;
using ClusterSip.InteractionProxy.Tests.Support;
using ClusterSip.IproxyTail.Tests.Support;
using Xunit.Abstractions;

namespace ClusterSip.IproxyTail.Tests;

/// <summary>iproxy-tail against a running proxy over TCP, as a user runs it: arguments in, lines out.</summary>
public sealed class TailTests(ITestOutputHelper output) : ProxyTest(output)
{
    private readonly TempDirectory _directory = new("iproxy-tail");

    protected override ProxySettings Settings => ProxyNode.Settings(s => s with
    {
        DisconnectGrace = TimeSpan.FromMinutes(1),
        Secrets = new Dictionary<string, string> { ["guarded"] = "open-sesame" },
    });

    private string StateFile => Path.Combine(_directory.Path, "tail.json");

    [Fact]
    public async Task It_prints_each_line_as_the_server_sent_it_and_resumes_after_a_cut_connection()
    {
        using var relay = new TcpRelay(Node.EndPoint);
        await using var tail = TailRun.Start("--address", $"127.0.0.1:{relay.EndPoint.Port}", "--cluster-id", "crm", "--node-id", "n1", "--session-id", "s-cli");
        Assert.Contains("reset, 0 events in cache", await tail.Log.NextAsync());
        Assert.Equal("""{"message":"EventPrivateInfo","SequenceId":"0000000000000001","MsgID":8210,"PrivateMsgName":"EventEndOfSnapshot"}""", await tail.Output.NextAsync());
        await Node.AwaitNodeAsync("crm", "n1");

        var call = new TestCall("c-1");
        await PublishAsync(call.Initiated());
        var dialing = await tail.Output.NextAsync();
        Assert.StartsWith("""{"message":"EventDialing","SequenceId":"0000000000000002","ConnID":"c-1","CallID":"c-1@pc33.example.com",""", dialing);

        relay.CutAll();
        Assert.Contains("; next attempt in ", await tail.Log.NextAsync());
        await PublishAsync(call.Ringing(), call.Answered());
        Assert.Contains("(last SequenceId 0000000000000002): resume", await tail.Log.NextAsync());
        await PublishAsync(call.Released());

        var lines = new[] { await tail.Output.NextAsync(), await tail.Output.NextAsync(), await tail.Output.NextAsync() };
        Assert.Equal([("EventRinging", "0000000000000003"), ("EventEstablished", "0000000000000004"), ("EventReleased", "0000000000000005")], lines.Select(Named));
        Assert.Equal(0, await tail.StopAsync());
        Assert.Contains("stopped; session s-cli, last SequenceId 0000000000000005", tail.Log.All[^1]);
    }

    [Fact]
    public async Task A_second_run_with_the_state_file_resumes_the_session_where_the_first_one_stopped()
    {
        var call = new TestCall("c-2");
        await using (var first = TailRun.Start(Arguments("--state-file", StateFile)))
        {
            var session = (await first.Log.NextAsync()).Split(' ')[3];
            Assert.StartsWith("tail-", session);
            await first.Output.NextAsync();
            await Node.AwaitNodeAsync("crm", "n1");
            await PublishAsync(call.Initiated());
            Assert.Equal(("EventDialing", "0000000000000002"), Named(await first.Output.NextAsync()));
            Assert.Equal(0, await first.StopAsync());
        }
        await Until.True(async () => (await Node.ClusterInfoAsync("crm")).Nodes.All(n => !n.Connected), "the proxy to see the first run gone");
        await PublishAsync(call.Ringing(), call.Answered());

        await using var second = TailRun.Start(Arguments("--state-file", StateFile));
        Assert.Contains("(last SequenceId 0000000000000002): resume, 4 events in cache", await second.Log.NextAsync());
        Assert.Equal(("EventRinging", "0000000000000003"), Named(await second.Output.NextAsync()));
        Assert.Equal(("EventEstablished", "0000000000000004"), Named(await second.Output.NextAsync()));
        // A line is printed, then saved: stopped, the run has saved all it printed.
        Assert.Equal(0, await second.StopAsync());
        Assert.Contains("\"SequenceId\":\"0000000000000004\"", File.ReadAllText(StateFile));
    }

    [Fact]
    public async Task The_options_become_the_registrations_keys()
    {
        await using var tail = TailRun.Start(Arguments("--udata-filter", "queue", "--no-snapshot", "--session-id", "s-keys"));
        Assert.Contains("reset", await tail.Log.NextAsync());
        await Node.AwaitNodeAsync("crm", "n1");

        var call = new TestCall("c-3");
        await PublishAsync(call.Set("queue", "sales"), call.Set("vip", "yes"));
        // No snapshot and no EventEndOfSnapshot: the first line is the first event.
        var first = JsonDocument.Parse(await tail.Output.NextAsync()).RootElement;
        Assert.Equal(("0000000000000001", """{"queue":"sales"}"""), (first.GetProperty("SequenceId").GetString(), first.GetProperty("UserData").GetRawText()));
        var second = JsonDocument.Parse(await tail.Output.NextAsync()).RootElement;
        Assert.Equal("""{"queue":"sales"}""", second.GetProperty("UserData").GetRawText());
    }

    [Fact]
    public async Task A_refused_registration_exits_1_with_the_servers_reason()
    {
        await using var tail = TailRun.Start("--address", $"127.0.0.1:{Node.EndPoint.Port}", "--cluster-id", "guarded", "--node-id", "n1", "--session-id", "s-stranger");
        Assert.Equal(TailProgram.Refused, await tail.ExitAsync());
        Assert.Contains("EventError 8: refused: ClusterId guarded needs its Secret", tail.Log.All[^1]);
        Assert.Empty(tail.Output.All);
    }

    [Theory]
    [InlineData("--address", "nohost", "--address 'nohost' is not host:port")]
    [InlineData("--sequence-id", "12x", "--sequence-id '12x' is not a SequenceId")]
    [InlineData("--no-user-data", "--udata-filter", "--no-user-data and --udata-filter exclude each other")]
    public async Task A_bad_command_line_is_refused_naming_the_option(string option, string value, string error)
    {
        await using var tail = TailRun.Start(["--cluster-id", "crm", "--node-id", "n1", option, value, .. option == "--no-user-data" ? ["queue"] : Array.Empty<string>()]);
        Assert.NotEqual(0, await tail.ExitAsync());
        Assert.Contains(tail.Log.All, line => line.Contains(error, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_state_file_that_is_not_one_is_refused_and_left_alone()
    {
        File.WriteAllText(StateFile, "not a state");
        await using var tail = TailRun.Start(Arguments("--state-file", StateFile));
        Assert.Equal(TailProgram.Refused, await tail.ExitAsync());
        Assert.Contains("is not a state file of iproxy-tail", tail.Log.All[^1]);
        Assert.Equal("not a state", File.ReadAllText(StateFile));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _directory.Dispose();
        base.Dispose(disposing);
    }

    private string[] Arguments(params string[] more) =>
        ["--address", $"127.0.0.1:{Node.EndPoint.Port}", "--cluster-id", "crm", "--node-id", "n1", .. more];

    private static (string Message, string SequenceId) Named(string line)
    {
        var json = JsonDocument.Parse(line).RootElement;
        return (json.GetProperty("message").GetString()!, json.GetProperty("SequenceId").GetString()!);
    }
}
