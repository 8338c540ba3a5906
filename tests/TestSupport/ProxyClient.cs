using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterSip.InteractionProxy.Client;
using Xunit;

namespace ClusterSip.Tests.Support;

/// <summary>
/// An Interaction Proxy client for tests (docs/iproxy-protocol.md): the client library's connection on 127.0.0.1,
/// with reads bounded in time and lines as JSON to assert on.
/// </summary>
public sealed class ProxyClient : IDisposable
{
    public static readonly TimeSpan ReadBound = TimeSpan.FromSeconds(20);

    private readonly ProxyConnection _connection;

    private ProxyClient(ProxyConnection connection) => _connection = connection;

    /// <param name="receiveBuffer">A small socket receive buffer makes a slow reader fill the server's queue sooner.</param>
    public static async Task<ProxyClient> ConnectAsync(IPEndPoint server, int? receiveBuffer = null) =>
        new(await ProxyConnection.ConnectAsync(new ProxyAddress(IPAddress.Loopback.ToString(), server.Port), CancellationToken.None, receiveBuffer));

    public Task SendAsync(string line) => _connection.WriteLineAsync(line, CancellationToken.None);

    public Task SendAsync(JsonObject message) => SendAsync(message.ToJsonString());

    /// <summary>Registers and returns the EventACK.</summary>
    public Task<JsonElement> RegisterAsync(string clusterId, string nodeId, string sessionId, Func<ProxyRegistration, ProxyRegistration>? change = null)
    {
        var registration = new ProxyRegistration(clusterId, nodeId, sessionId);
        return RegisterAsync((change?.Invoke(registration) ?? registration).ToLine());
    }

    /// <summary>Registers with AttributeExtensions changed in ways a <see cref="ProxyRegistration"/> does not write (a JSON boolean, say).</summary>
    public Task<JsonElement> RegisterAsync(string clusterId, string nodeId, string sessionId, Action<JsonObject> attributes)
    {
        var line = JsonNode.Parse(new ProxyRegistration(clusterId, nodeId, sessionId).ToLine())!.AsObject();
        attributes(line["AttributeExtensions"]!.AsObject());
        return RegisterAsync(line.ToJsonString());
    }

    private async Task<JsonElement> RegisterAsync(string line)
    {
        await SendAsync(line);
        var ack = await ReadAsync();
        Assert.Equal("EventACK", ack.Name());
        return ack;
    }

    /// <summary>The next line; fails when none comes within the bound or the server closed.</summary>
    public async Task<JsonElement> ReadAsync()
    {
        using var timeout = new CancellationTokenSource(ReadBound);
        string? line;
        try
        {
            line = await _connection.ReadLineAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"no line from the server within {ReadBound.TotalSeconds} s");
        }
        if (line is null) throw new Xunit.Sdk.XunitException("the server closed the connection");
        return JsonDocument.Parse(line).RootElement.Clone();
    }

    public async Task<List<JsonElement>> ReadAsync(int count)
    {
        var lines = new List<JsonElement>();
        for (var i = 0; i < count; i++) lines.Add(await ReadAsync());
        return lines;
    }

    /// <summary>The snapshot events up to and including EventPrivateInfo 8210, which is returned last.</summary>
    public async Task<List<JsonElement>> ReadSnapshotAsync()
    {
        var lines = new List<JsonElement>();
        while (true)
        {
            var line = await ReadAsync();
            lines.Add(line);
            if (line.Name() == "EventPrivateInfo") return lines;
        }
    }

    /// <summary>Reads until the server closes; fails if it does not within the bound.</summary>
    public async Task ExpectClosedAsync()
    {
        using var timeout = new CancellationTokenSource(ReadBound);
        try
        {
            while (await _connection.ReadLineAsync(timeout.Token) is not null)
            {
            }
        }
        catch (IOException)
        {
            // A reset is a close too.
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"the server did not close the connection within {ReadBound.TotalSeconds} s");
        }
    }

    public void Dispose() => _connection.Dispose();
}

public static class WireLines
{
    public static string Name(this JsonElement line) => line.GetProperty("message").GetString()!;

    public static long Sequence(this JsonElement line) => long.Parse(line.GetProperty("SequenceId").GetString()!);

    public static string ConnId(this JsonElement line) => line.GetProperty("ConnID").GetString()!;

    public static bool IsSnapshot(this JsonElement line) => line.TryGetProperty("Snapshot", out var s) && s.GetBoolean();

    public static int ErrorCode(this JsonElement line)
    {
        Assert.Equal("EventError", line.Name());
        return line.GetProperty("ErrorCode").GetInt32();
    }

    public static string Status(this JsonElement ack) => ack.GetProperty("AttributeExtensions").GetProperty("session-status").GetString()!;

    public static int EventsInCache(this JsonElement ack) => ack.GetProperty("AttributeExtensions").GetProperty("events-in-cache").GetInt32();
}
