using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ClusterSip.InteractionProxy.Client;

namespace ClusterSip.IproxyBench;

/// <summary>
/// A client over TCP that registers and then only counts the lines it receives (the "\n" bytes), so that it costs
/// the shared CPU as little as a client can.
/// </summary>
public sealed class CountingClient : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private long _lines;

    private CountingClient()
    {
    }

    public long Lines => Interlocked.Read(ref _lines);

    /// <summary>When set: the Stopwatch timestamp at which line number i (from 0, the EventACK) arrived, for the first lines.</summary>
    public long[]? Arrivals { get; set; }

    public static async Task<CountingClient> RegisterAsync(IPEndPoint proxy, ProxyRegistration registration)
    {
        var client = new CountingClient();
        await client._socket.ConnectAsync(proxy);
        await client._socket.SendAsync(Encoding.UTF8.GetBytes(registration.ToLine() + "\n"));
        _ = client.CountAsync();
        return client;
    }

    /// <summary>Polls until <see cref="Lines"/> reaches <paramref name="lines"/>; fails after <paramref name="bound"/>.</summary>
    public async Task WaitForAsync(long lines, TimeSpan bound)
    {
        var deadline = DateTime.UtcNow + bound;
        while (Lines < lines)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{Lines} lines received, {lines} expected, within {bound.TotalSeconds} s");
            await Task.Delay(1);
        }
    }

    public void Dispose() => _socket.Dispose();

    private async Task CountAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (await _socket.ReceiveAsync(buffer) is var read and > 0)
            {
                var lines = buffer.AsSpan(0, read).Count((byte)'\n');
                if (Arrivals is { } arrivals)
                {
                    var now = Stopwatch.GetTimestamp();
                    for (var i = Lines; i < Math.Min(Lines + lines, arrivals.Length); i++) arrivals[i] = now;
                }
                Interlocked.Add(ref _lines, lines);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Closed by Dispose, or by the server; the counts so far stand.
        }
    }
}
