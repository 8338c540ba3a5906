using System.Globalization;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using ClusterSip.CallEvents;
using ClusterSip.InteractionProxy.Client;
using ClusterSip.Node.Hosting;
using ClusterSip.Tests.Support;

namespace ClusterSip.IproxyBench;

/// <summary>
/// SIPp calls through a node with every feature (dialogs, callstore, Interaction Proxy) to a SIPp callee; one client
/// registered at the proxy takes each EventRinging's arrival time minus its Time (when the node's dialog handled the
/// 180). Time is written in whole milliseconds, so each figure reads up to 1 ms high; what the SIP stack takes to
/// receive, parse and match the 180 before its dialog sees it is not in it. The same taken when the callstore
/// publishes the event (<see cref="AcceptedTimes"/>) tells the callstore's share from the proxy's. The calls of a
/// warm-up at the same rate come first and are not counted: they take the node through its first compilations and its
/// collector's first heap growth, which a node that has been up for a while is past.
/// </summary>
public static class RingingLatency
{
    public static async Task<string> RunAsync(int rate, int seconds, int warmupSeconds, IReadOnlyList<string> sets)
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
        var published = new List<double>();
        var system = node.Node.ActorSystem;
        DistributedPubSub.Get(system).Mediator.Tell(new Subscribe(CallEventTopics.Accepted, system.ActorOf(Props.Create(() => new AcceptedTimes(published)))));
        using var stop = new CancellationTokenSource();
        var reading = ReadAsync(client, latencies, stop.Token);

        var calls = rate * seconds;
        string sipp;
        GcState? gcBefore = null;
        try
        {
            if (warmupSeconds > 0)
            {
                var warmup = await RunCallsAsync(sipPort, rate, warmupSeconds);
                await ArrivedAsync(latencies, warmup.SuccessfulCalls);
                lock (latencies) latencies.Clear();
                lock (published) published.Clear();
            }
            gcBefore = GcState.Now();
            var run = await RunCallsAsync(sipPort, rate, seconds);
            sipp = $"sipp_ok={run.SuccessfulCalls} sipp_failed={run.FailedCalls}";
            await ArrivedAsync(latencies, run.SuccessfulCalls);
        }
        catch (TimeoutException)
        {
            // The node fell behind the offered rate; what arrived until then still tells the latency.
            sipp = "sipp_unfinished";
        }
        var gc = gcBefore is null ? "gc: warm-up unfinished" : GcState.Now().Since(gcBefore);
        await stop.CancelAsync();
        if (await reading is { } lost)
        {
            var proxyLog = node.Log.Split('\n').Where(l => l.Contains("iproxy", StringComparison.Ordinal) && !l.Contains("level=info", StringComparison.Ordinal));
            return $"latency: {lost} after {Count(latencies)} EventRinging; {sipp}; proxy log: {string.Join(" | ", proxyLog.Take(5))}";
        }

        var atClient = Sorted(latencies);
        if (atClient.Length == 0) return $"latency: no EventRinging arrived; {sipp}";
        return $"latency 180 -> EventRinging (ms): rate={rate}/s calls={calls} (after {rate * warmupSeconds} warm-up calls) {sipp} " +
               $"ringing={atClient.Length} at the client: {Quantiles(atClient)}; published by the callstore: {Quantiles(Sorted(published))}; {gc}";
    }

    private static Task<SippRun> RunCallsAsync(int sipPort, int rate, int seconds) =>
        Sipp.RunAsync(TimeSpan.FromSeconds(seconds * 3 + 60),
            "-sn", "uac", $"127.0.0.1:{sipPort}", "-i", "127.0.0.1", "-p", FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            "-r", rate.ToString(CultureInfo.InvariantCulture), "-m", (rate * seconds).ToString(CultureInfo.InvariantCulture), "-timeout", $"{seconds * 3 + 30}s");

    private static async Task ArrivedAsync(List<double> latencies, int calls)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Count(latencies) < calls && DateTime.UtcNow < deadline) await Task.Delay(50);
    }

    private static double[] Sorted(List<double> latencies)
    {
        lock (latencies) return [.. latencies.Order()];
    }

    private static string Quantiles(double[] sorted)
    {
        if (sorted.Length == 0) return "none";
        double At(double quantile) => sorted[Math.Min(sorted.Length - 1, (int)(quantile * sorted.Length))];
        return $"p50={At(0.50):F1} p99={At(0.99):F1} p99.9={At(0.999):F1} max={sorted[^1]:F1}";
    }

    private static int Count(List<double> latencies)
    {
        lock (latencies) return latencies.Count;
    }

    /// <summary>Reads until stopped; what ended the connection when it ended before.</summary>
    private static async Task<string?> ReadAsync(ProxyConnection client, List<double> latencies, CancellationToken stop)
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
        catch (IOException e)
        {
            return $"the proxy closed the client's connection ({e.Message})";
        }
        return null;
    }

    /// <summary>The collections of this process (the node's) during the calls: pauses are where the latency's tail comes from.</summary>
    private sealed record GcState(int Gen0, int Gen1, int Gen2, TimeSpan Paused)
    {
        public static GcState Now() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

        public string Since(GcState before)
        {
            var lastFull = GC.GetGCMemoryInfo(GCKind.FullBlocking);
            var lastFullPause = lastFull.Index == 0 ? "none" : $"{lastFull.PauseDurations[0].TotalMilliseconds:F0} ms";
            return $"gc: gen0={Gen0 - before.Gen0} gen1={Gen1 - before.Gen1} gen2={Gen2 - before.Gen2} paused={(Paused - before.Paused).TotalMilliseconds:F0} ms " +
                   $"(last blocking gen2: {lastFullPause})";
        }
    }
}
