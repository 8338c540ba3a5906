using System.Diagnostics;
using System.Globalization;
using System.Net;
using ClusterSip.Sip.Messages;

namespace ClusterSip.Transport.Bench;

/// <summary>
/// Places calls through the node at a fixed rate: INVITE (to the node, which routes it to the <see cref="Callee"/>),
/// 200, ACK and BYE along its Record-Route, 200. Over one shared connection, or a connection (and for TLS a full
/// handshake) per call. Prints one key=value line: calls completed per second and node CPU per call.
/// </summary>
internal sealed class CallLoad(Transports transports, IPEndPoint node, int rate, int seconds, bool connectionPerCall, int nodePid)
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);
    private int _completed;
    private int _failed;

    public async Task<int> RunAsync()
    {
        var shared = connectionPerCall ? null : await SipConnection.OpenAsync(transports, node, CancellationToken.None);
        var calls = new List<Task>(rate * seconds);
        var cpu0 = NodeCpu.Read(nodePid);
        var clock = Stopwatch.StartNew();
        for (var n = 0; n < rate * seconds; n++)
        {
            var due = TimeSpan.FromSeconds((double)n / rate);
            if (clock.Elapsed < due)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            calls.Add(CallAsync(shared, n));
        }

        await Task.WhenAll(calls);
        var elapsed = clock.Elapsed;
        var cpu = NodeCpu.Read(nodePid) - cpu0;
        if (shared is not null)
        {
            await shared.DisposeAsync();
        }

        var total = rate * seconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"transport={transports.Name} connections={(connectionPerCall ? "per-call" : "shared")} rate={rate} calls={total} " +
            $"ok={_completed} failed={_failed} seconds={elapsed.TotalSeconds:0.00} achieved={_completed / elapsed.TotalSeconds:0} " +
            $"node_cpu_s={cpu.TotalSeconds:0.00} node_us_per_call={(_completed == 0 ? 0 : cpu.TotalMicroseconds / _completed):0}"));
        return _failed == 0 ? 0 : 1;
    }

    private async Task CallAsync(SipConnection? shared, int n)
    {
        try
        {
            var connection = shared ?? await SipConnection.OpenAsync(transports, node, CancellationToken.None);
            try
            {
                await PlaceCallAsync(connection, n).WaitAsync(CallTimeout);
            }
            finally
            {
                if (shared is null)
                {
                    await connection.DisposeAsync();
                }
            }

            Interlocked.Increment(ref _completed);
        }
        catch (Exception e) when (e is IOException or TimeoutException or InvalidOperationException or System.Net.Sockets.SocketException
                                      or System.Security.Authentication.AuthenticationException)
        {
            if (Interlocked.Increment(ref _failed) <= 5)
            {
                Console.Error.WriteLine($"call {n}: {e.GetType().Name}: {e.Message}");
            }
        }
    }

    private async Task PlaceCallAsync(SipConnection connection, int n)
    {
        var callId = $"bench-{n}-{Environment.ProcessId}";
        var local = connection.Local.ToString();
        var invite = await connection.RequestAsync(callId, "INVITE", Request("INVITE sip:bob@example.com", callId, 1, "INVITE", local, null, []));
        if (invite.StatusCode != 200)
        {
            throw new InvalidOperationException($"INVITE answered {invite.StatusCode}");
        }

        var target = invite.Contacts.FirstOrDefault()?.Address?.Uri.ToString() ?? throw new InvalidOperationException("200 without Contact");
        var routes = invite.RecordRoutes.Reverse().Select(r => $"<{r.Uri}>").ToArray();
        var toTag = invite.To?.Tag;
        await connection.SendAsync(Request($"ACK {target}", callId, 1, "ACK", local, toTag, routes));
        var bye = await connection.RequestAsync(callId, "BYE", Request($"BYE {target}", callId, 2, "BYE", local, toTag, routes));
        if (bye.StatusCode != 200)
        {
            throw new InvalidOperationException($"BYE answered {bye.StatusCode}");
        }
    }

    private string Request(string requestLine, string callId, int cseq, string method, string local, string? toTag, string[] routes) =>
        $"{requestLine} SIP/2.0\r\n" +
        $"Via: SIP/2.0/{transports.ViaToken} {local};branch=z9hG4bK{Guid.NewGuid():N};rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: <sip:alice@example.com>;tag=caller\r\n" +
        $"To: <sip:bob@example.com>{(toTag is null ? string.Empty : ";tag=" + toTag)}\r\n" +
        $"Call-ID: {callId}\r\n" +
        $"CSeq: {cseq} {method}\r\n" +
        $"Contact: <sip:alice@{local};transport={transports.Name}>\r\n" +
        string.Concat(routes.Select(r => $"Route: {r}\r\n")) +
        "Content-Length: 0\r\n\r\n";
}
