using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace ClusterSip.Tests.Support;

/// <summary>An Interaction Proxy client (docs/iproxy-protocol.md) as a user would write one: a TCP socket on 127.0.0.1, JSON lines out and in.</summary>
public sealed class ProxyClient : IDisposable
{
    public static readonly TimeSpan ReadBound = TimeSpan.FromSeconds(20);

    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly StreamReader _reader;

    private ProxyClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _reader = new StreamReader(_stream, new UTF8Encoding(false));
    }

    /// <param name="receiveBuffer">A small socket receive buffer makes a slow reader fill the server's queue sooner.</param>
    public static async Task<ProxyClient> ConnectAsync(IPEndPoint server, int? receiveBuffer = null)
    {
        var tcp = new TcpClient(AddressFamily.InterNetwork);
        if (receiveBuffer is { } size) tcp.ReceiveBufferSize = size;
        await tcp.ConnectAsync(IPAddress.Loopback, server.Port);
        return new ProxyClient(tcp);
    }

    public async Task SendAsync(string line)
    {
        await _stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"));
    }

    public Task SendAsync(JsonObject message) => SendAsync(message.ToJsonString());

    /// <summary>Registers and returns the EventACK.</summary>
    public async Task<JsonElement> RegisterAsync(string clusterId, string nodeId, string sessionId, Action<JsonObject>? attributes = null)
    {
        var extensions = new JsonObject { ["ClusterId"] = clusterId, ["NodeId"] = nodeId, ["SessionId"] = sessionId };
        attributes?.Invoke(extensions);
        await SendAsync(new JsonObject { ["message"] = "TPrivateService", ["AttributeExtensions"] = extensions });
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
            line = await _reader.ReadLineAsync(timeout.Token);
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
            while (await _reader.ReadLineAsync(timeout.Token) is not null)
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

    public void Dispose()
    {
        _reader.Dispose();
        _tcp.Dispose();
    }
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
