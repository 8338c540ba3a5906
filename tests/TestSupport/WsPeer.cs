using System.Net;
using System.Net.WebSockets;
using System.Text;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;

namespace ClusterSip.Tests.Support;

/// <summary>A WebSocket client (System.Net.WebSockets) playing a browser SIP user agent: one SIP message per WebSocket message.</summary>
public sealed class WsPeer : IDisposable
{
    /// <summary>How long a connect or read waits for something that should happen at once; generous for loaded CI machines.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    private readonly ClientWebSocket _socket;

    private WsPeer(ClientWebSocket socket) => _socket = socket;

    public string? SubProtocol => _socket.SubProtocol;

    public static async Task<WsPeer> ConnectAsync(Uri uri, string? subProtocol = "sip", Action<ClientWebSocketOptions>? configure = null)
    {
        var socket = new ClientWebSocket();
        if (subProtocol is not null)
        {
            socket.Options.AddSubProtocol(subProtocol);
        }

        configure?.Invoke(socket.Options);
        try
        {
            using var timeout = new CancellationTokenSource(Bound);
            await socket.ConnectAsync(uri, timeout.Token);
            return new WsPeer(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static Uri Address(string scheme, IPEndPoint endPoint) => new($"{scheme}://{endPoint}/");

    public Task SendAsync(string text) => _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next WebSocket message, whole.</summary>
    public async Task<byte[]> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(Bound);
        var buffer = new byte[65536];
        var count = 0;
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer.AsMemory(count), timeout.Token);
            count += result.Count;
            if (result.EndOfMessage)
            {
                return buffer.AsSpan(0, count).ToArray();
            }
        }
    }

    public async Task<SipMessage> ReceiveMessageAsync() => SipParser.Parse(await ReceiveAsync());

    public void Dispose() => _socket.Dispose();
}
