using System.Globalization;
using ClusterSip.InteractionProxy.Client;
using ClusterSip.Node.Hosting;
using ClusterSip.Tests.Support;

namespace ClusterSip.IproxyBench;

/// <summary>
/// SIPp calls through a node with every feature (dialogs, callstore, Interaction Proxy) to a SIPp callee; one client
/// registered at the proxy takes each EventRinging's arrival time minus its Time (when the node's dialog handled the
/// 180). Time is written in whole milliseconds, so each figure reads up to 1 ms high; what the SIP stack takes to
/// receive, parse and match the 180 before its dialog sees it is not in it.
/// </summary>
public static class RingingLatency
{
    public static async Task<string> RunAsync(int rate, int seconds, IReadOnlyList<string> sets)
    {
        var sipPort = FreePorts.Next();
        var proxyPort = FreePorts.Next();
        var calleePort = FreePorts.Next();
        await using var callee = await Sipp.StartCalleeAsync(calleePort, "-sn", "uas");
        await using var node = await InProcessNode.StartAsync(null, NodeFeatures.All,
        [
            $"cluster-sip.sip.listen=[\"udp:127.0.0.1:{sipPort}\"]",
            $"cluster-sip.interaction-proxy.port={proxyPort}",
            $"cluster-sip.routing.default-destinations=[\"sip:127.0.0.1:{calleePort}\"]",
            .. sets,
        ]);
        await node.Api.WaitUntilReadyAsync();

        using var client = await ProxyConnection.ConnectAsync(new ProxyAddress("127.0.0.1", proxyPort), CancellationToken.None);
        await client.RegisterAsync(new ProxyRegistration("latency", "bench", "s-latency"), CancellationToken.None);
        // EventEndOfSnapshot: the client cluster counts the client, so every call from now on reaches it.
        await client.ReadLineAsync(CancellationToken.None);
        var latencies = new List<double>();
        using var stop = new CancellationTokenSource();
        var reading = ReadAsync(client, latencies, stop.Token);

        var calls = rate * seconds;
        var run = await Sipp.RunAsync(TimeSpan.FromSeconds(seconds * 3 + 60),
            "-sn", "uac", $"127.0.0.1:{sipPort}", "-i", "127.0.0.1", "-p", FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            "-r", rate.ToString(CultureInfo.InvariantCulture), "-m", calls.ToString(CultureInfo.InvariantCulture), "-timeout", $"{seconds * 3 + 30}s");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Count(latencies) < run.SuccessfulCalls && DateTime.UtcNow < deadline) await Task.Delay(50);
        await stop.CancelAsync();
        await reading;

        double[] sorted;
        lock (latencies) sorted = [.. latencies.Order()];
        if (sorted.Length == 0) return $"latency: no EventRinging arrived; {run}";
        double At(double quantile) => sorted[Math.Min(sorted.Length - 1, (int)(quantile * sorted.Length))];
        return $"latency 180 -> EventRinging (ms): rate={rate}/s calls={calls} sipp_ok={run.SuccessfulCalls} sipp_failed={run.FailedCalls} " +
               $"ringing={sorted.Length} p50={At(0.50):F1} p99={At(0.99):F1} p99.9={At(0.999):F1} max={sorted[^1]:F1}";
    }

    private static int Count(List<double> latencies)
    {
        lock (latencies) return latencies.Count;
    }

    private static async Task ReadAsync(ProxyConnection client, List<double> latencies, CancellationToken stop)
    {
        try
        {
            while (await client.ReadLineAsync(stop) is { } text)
            {
                var arrived = DateTimeOffset.UtcNow;
                if (!ServerLine.TryParse(text, out var line, out _) || line!.Message != "EventRinging") continue;
                var time = DateTimeOffset.Parse(line.Json.GetProperty("Time").GetString()!, CultureInfo.InvariantCulture);
                lock (latencies) latencies.Add((arrived - time).TotalMilliseconds);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Done counting.
        }
    }
}
