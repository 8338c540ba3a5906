using System.Net;
using System.Net.Sockets;
using System.Text;
using ClusterSip.Sip.Messages;

namespace ClusterSip.Transport.Bench;

/// <summary>
/// The called party: accepts the node's connections on <c>127.0.0.1:port</c> and answers every INVITE and BYE with
/// 200 (the INVITE's 200 carries its Record-Route and a Contact over the same transport); ACKs are absorbed.
/// </summary>
internal sealed class Callee(Transports transports, int port) : IAsyncDisposable
{
    private static readonly string[] CopiedHeaders = ["Via", "v", "From", "f", "To", "t", "Call-ID", "i", "CSeq", "Record-Route"];

    private readonly TcpListener _listener = new(IPAddress.Loopback, port);
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _connections = [];
    private Task? _accepting;

    public void Start()
    {
        _listener.Start(1024);
        _accepting = AcceptLoopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        try
        {
            await (_accepting ?? Task.CompletedTask);
            await Task.WhenAll(_connections);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // stopping: the connections end with the bench
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var socket = await _listener.AcceptSocketAsync(_stopping.Token);
            lock (_connections)
            {
                _connections.Add(ServeAsync(socket));
            }
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        await using var stream = await transports.AcceptAsync(socket, _stopping.Token);
        var framer = new StreamFramer(stream);
        var contact = $"<sip:bob@127.0.0.1:{port};transport={transports.Name}>";
        while (await framer.ReadAsync(_stopping.Token) is { } message)
        {
            if (message is SipRequest { Method: "INVITE" or "BYE" } request)
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(Ok(request, contact)), _stopping.Token);
            }
        }
    }

    private static string Ok(SipRequest request, string contact)
    {
        var text = new StringBuilder("SIP/2.0 200 OK\r\n");
        foreach (var line in request.ToString().Split("\r\n"))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0 || !CopiedHeaders.Contains(line[..colon].Trim(), StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            var isTo = line[..colon].Trim() is "To" or "t";
            text.Append(line).Append(isTo && request.Method == "INVITE" ? ";tag=callee" : string.Empty).Append("\r\n");
        }

        if (request.Method == "INVITE")
        {
            text.Append("Contact: ").Append(contact).Append("\r\n");
        }

        return text.Append("Content-Length: 0\r\n\r\n").ToString();
    }
}
