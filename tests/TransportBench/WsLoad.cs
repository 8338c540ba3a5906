using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;

namespace ClusterSip.Transport.Bench;

/// <summary>
/// <c>clients</c> WebSocket user agents (subprotocol sip, RFC 7118), each refreshing its own registration back to
/// back for <c>seconds</c>: one REGISTER and its 200 are two SIP messages through the node. Prints one key=value
/// line: messages per second and node CPU per message.
/// </summary>
internal sealed class WsLoad(Uri node, int clients, int seconds, int nodePid)
{
    private long _roundTrips;
    private int _failed;

    public async Task<int> RunAsync()
    {
        var sockets = new List<ClientWebSocket>();
        for (var i = 0; i < clients; i++)
        {
            var socket = new ClientWebSocket();
            socket.Options.AddSubProtocol("sip");
            await socket.ConnectAsync(node, CancellationToken.None);
            sockets.Add(socket);
        }

        // One registration each first, so that the timed part refreshes existing bindings.
        await Task.WhenAll(sockets.Select((s, i) => RegisterAsync(s, i, 1)));
        Interlocked.Exchange(ref _roundTrips, 0);
        var cpu0 = NodeCpu.Read(nodePid);
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        await Task.WhenAll(sockets.Select((s, i) => LoopAsync(s, i, stop.Token)));
        var elapsed = clock.Elapsed;
        var cpu = NodeCpu.Read(nodePid) - cpu0;
        foreach (var socket in sockets)
        {
            socket.Abort();
            socket.Dispose();
        }

        var messages = 2 * Interlocked.Read(ref _roundTrips);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"transport=ws clients={clients} seconds={elapsed.TotalSeconds:0.00} messages={messages} failed={_failed} " +
            $"messages_per_s={messages / elapsed.TotalSeconds:0} node_cpu_s={cpu.TotalSeconds:0.00} " +
            $"node_us_per_message={(messages == 0 ? 0 : cpu.TotalMicroseconds / messages):0.0}"));
        return _failed == 0 ? 0 : 1;
    }

    private async Task LoopAsync(ClientWebSocket socket, int client, CancellationToken stop)
    {
        for (var cseq = 2; !stop.IsCancellationRequested; cseq++)
        {
            await RegisterAsync(socket, client, cseq);
        }
    }

    private async Task RegisterAsync(ClientWebSocket socket, int client, int cseq)
    {
        var host = $"ws{client}.invalid";
        var register =
            "REGISTER sip:example.com SIP/2.0\r\n" +
            $"Via: SIP/2.0/WS {host};branch=z9hG4bK{Guid.NewGuid():N}\r\n" +
            "Max-Forwards: 70\r\n" +
            $"From: <sip:ws{client}@example.com>;tag=ws\r\n" +
            $"To: <sip:ws{client}@example.com>\r\n" +
            $"Call-ID: ws-register-{client}-{Environment.ProcessId}\r\n" +
            $"CSeq: {cseq} REGISTER\r\n" +
            $"Contact: <sip:ws{client}@{host};transport=ws>;expires=600\r\n" +
            "Content-Length: 0\r\n\r\n";
        await socket.SendAsync(Encoding.UTF8.GetBytes(register), WebSocketMessageType.Text, true, CancellationToken.None);
        while (true)
        {
            if (SipParser.Parse(await ReceiveAsync(socket)) is SipResponse { IsFinal: true } response)
            {
                if (response.StatusCode == 200)
                {
                    Interlocked.Increment(ref _roundTrips);
                }
                else if (Interlocked.Increment(ref _failed) <= 5)
                {
                    Console.Error.WriteLine($"client {client}: REGISTER answered {response.StatusCode}");
                }

                return;
            }
        }
    }

    private static async Task<byte[]> ReceiveAsync(ClientWebSocket socket)
    {
        var buffer = new byte[65536];
        var count = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None);
            count += result.Count;
            if (result.EndOfMessage)
            {
                return buffer.AsSpan(0, count).ToArray();
            }
        }
    }
}
