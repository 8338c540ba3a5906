using System.Diagnostics;
using System.Net;
using ClusterSip.Sip.Messages;
using ClusterSip.Tests.Support;

namespace ClusterSip.Wakeup.Bench;

/// <summary>
/// How long a push wake-up takes across the cluster: an INVITE for bobN parks on node A (push-wakeup script, waiting
/// for REGISTER of bobN), then bobN's phone registers on node B; measured from sending the REGISTER to B until the
/// INVITE forked by A reaches the phone. Real UDP on loopback, the registrar journaled (the shared SQLite file of the
/// in-process nodes). Calls one at a time; each parked call ends with 480 later.
/// </summary>
internal sealed class WakeupLatency(IPEndPoint sipA, IPEndPoint sipB) : IDisposable
{
    private readonly LoopbackUa _caller = new();
    private readonly LoopbackUa _phone = new();

    public async Task Run(int calls)
    {
        // B learns of A's subscription to REGISTER by gossip about a second after joining; until then, wake-ups are lost.
        var warm = Stopwatch.StartNew();
        while (await WakeUp("warmup" + warm.ElapsedMilliseconds, TimeSpan.FromSeconds(1)) is null)
        {
            if (warm.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException("no wake-up across the nodes within 30 s");
        }

        var latencies = new List<double>();
        for (var i = 0; i < calls; i++)
        {
            var latency = await WakeUp("bob" + i, TimeSpan.FromSeconds(5)) ?? throw new TimeoutException($"bob{i} was not woken within 5 s");
            latencies.Add(latency.TotalMilliseconds);
        }

        latencies.Sort();
        double Percentile(double p) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p / 100 * latencies.Count) - 1)];
        Console.WriteLine($"REGISTER on node B to the INVITE parked on node A reaching the phone, {calls} calls one at a time: " +
                          $"p50 {Percentile(50):F2} ms, p90 {Percentile(90):F2} ms, p99 {Percentile(99):F2} ms, max {latencies[^1]:F2} ms");
    }

    public void Dispose()
    {
        _caller.Dispose();
        _phone.Dispose();
    }

    private async Task<TimeSpan?> WakeUp(string user, TimeSpan within)
    {
        var callId = $"{user}-{Guid.NewGuid():N}";
        await _caller.Send(sipA, Invite(_caller, user, callId));
        await _caller.Receive(m => m is SipResponse { StatusCode: 100 } r && r.CallId == callId);
        var clock = Stopwatch.StartNew();
        await _phone.Send(sipB, Register(_phone, user));
        try
        {
            await _phone.Receive(m => m is SipRequest { Method: SipMethods.Invite } r && r.CallId == callId, within);
            return clock.Elapsed;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private static string Invite(LoopbackUa ua, string user, string callId) =>
        $"INVITE sip:{user}@example.com SIP/2.0\r\n" +
        $"Via: SIP/2.0/UDP {ua.EndPoint};branch=z9hG4bK-{Guid.NewGuid():N}\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: <sip:alice@example.com>;tag=caller\r\n" +
        $"To: <sip:{user}@example.com>\r\n" +
        $"Call-ID: {callId}\r\n" +
        "CSeq: 1 INVITE\r\n" +
        $"Contact: <sip:alice@{ua.EndPoint}>\r\n" +
        "Content-Length: 0\r\n\r\n";

    private static string Register(LoopbackUa ua, string user) =>
        $"REGISTER sip:example.com SIP/2.0\r\n" +
        $"Via: SIP/2.0/UDP {ua.EndPoint};branch=z9hG4bK-{Guid.NewGuid():N}\r\n" +
        "Max-Forwards: 70\r\n" +
        $"From: <sip:{user}@example.com>;tag=phone\r\n" +
        $"To: <sip:{user}@example.com>\r\n" +
        $"Call-ID: reg-{user}-{Guid.NewGuid():N}\r\n" +
        "CSeq: 1 REGISTER\r\n" +
        $"Contact: <sip:{user}@{ua.EndPoint}>;expires=600\r\n" +
        "Content-Length: 0\r\n\r\n";
}
