using System.Diagnostics;
using System.Net;
using Akka.Actor;
using Akka.Cluster.Sharding;
using ClusterSip.InteractionProxy;
using ClusterSip.InteractionProxy.Client;
using ClusterSip.InteractionProxy.Sessions;

namespace ClusterSip.IproxyBench;

/// <summary>The three measurements against one node's proxy.</summary>
public sealed class ProxyBench(ActorSystem system, ProxySettings settings, int port)
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(10);

    // Lines published but not yet counted by every client: a steady feed, well below the send queue, so no client is
    // closed as slow and the figure does not lean on large bursts.
    private readonly int _window = Math.Clamp(settings.SendQueue / 2, 1, 512);
    private readonly CallFeed _feed = new(system);
    private readonly IPEndPoint _proxy = new(IPAddress.Loopback, port);
    private readonly IActorRef _sessions = ClusterSharding.Get(system).ShardRegion(ProxySharding.SessionTypeName);
    private int _nextSession;

    /// <summary>
    /// Each of <paramref name="clients"/> clients registers with its own ClusterId, so each receives every event:
    /// deliveries = clients x events, counted when the last client has its last line.
    /// </summary>
    public async Task<string> DeliveriesAsync(int clients, int events)
    {
        var connected = new List<CountingClient>();
        for (var i = 0; i < clients; i++) connected.Add(await RegisterAsync($"deliveries-{i}"));
        await FeedAsync(connected, Math.Min(events, 20_000));

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await FeedAsync(connected, events);
        var seconds = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        connected.ForEach(c => c.Dispose());
        return $"deliveries: clients={clients} events={events} seconds={seconds:F2} deliveries/s={clients * (double)events / seconds:F0} " +
               $"cpu%={100 * cpuSeconds / seconds:F0} cpu_us/delivery={cpuSeconds * 1e6 / (clients * (double)events):F2} (clients in this process)";
    }

    /// <summary>
    /// One session with a full cache (cache-max-events); its client comes back <paramref name="rounds"/> times without a
    /// SequenceId and times the EventACK and the whole replay.
    /// </summary>
    public async Task<string> ReplayAsync(int rounds)
    {
        var registration = Registration("replay");
        using (var filler = await RegisterAsync(registration))
        {
            await FeedAsync([filler], settings.CacheMaxEvents + 10);
        }
        await WaitDisconnectedAsync(registration.SessionId);

        var rates = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            using (var client = await CountingClient.RegisterAsync(_proxy, registration))
            {
                await client.WaitForAsync(1 + settings.CacheMaxEvents, Bound);
                rates.Add(settings.CacheMaxEvents / clock.Elapsed.TotalSeconds);
            }
            await WaitDisconnectedAsync(registration.SessionId);
        }
        rates.Sort();
        return $"replay: events={settings.CacheMaxEvents} rounds={rounds} events/s median={rates[rates.Count / 2]:F0} best={rates[^1]:F0} " +
               $"(ms per replay: median={settings.CacheMaxEvents / rates[rates.Count / 2] * 1000:F1})";
    }

    /// <summary>
    /// <paramref name="sessions"/> sessions, each with its own ClusterId (so each caches every event), register and
    /// disconnect; then events fill every cache (to cache-max-events, or its share of cache-max-total-events). Heap after
    /// forced collections, per 1,000 sessions.
    /// </summary>
    public async Task<string> MemoryAsync(int sessions)
    {
        var before = Heap();
        var ids = new List<string>();
        for (var i = 0; i < sessions; i++)
        {
            var registration = Registration("memory");
            using var client = await RegisterAsync(registration);
            ids.Add(registration.SessionId);
        }
        foreach (var id in ids) await WaitDisconnectedAsync(id);
        var empty = Heap();

        // Each cache fills to cache-max-events, or to its even share of the node's cache-max-total-events when less.
        var perSession = (int)Math.Min(settings.CacheMaxEvents, settings.CacheMaxTotalEvents / sessions);
        var last = ids[^1];
        const int Chunk = 100;
        for (var published = 0; published < perSession; published += Chunk)
        {
            _feed.Publish(Chunk);
            // Every session gets every event; the last one to register shows how far the deliveries are.
            while ((await Info(last)).EventsInCache < Math.Min(perSession, 1 + published + Chunk)) await Task.Delay(5);
        }
        foreach (var id in ids)
        {
            while ((await Info(id)).EventsInCache < perSession) await Task.Delay(5);
        }
        var full = Heap();
        double PerThousand(long bytes) => bytes * 1000.0 / sessions / (1024 * 1024);
        return $"memory: sessions={sessions} cache-max-events={settings.CacheMaxEvents} cache-max-total-events={settings.CacheMaxTotalEvents} " +
               $"events per session={perSession} MB per 1,000 sessions: full={PerThousand(full - before):F0} " +
               $"empty={PerThousand(empty - before):F1} bytes per cached event={(full - empty) / ((double)sessions * perSession):F0}";
    }

    /// <summary>
    /// The proxy's own share of an event's way: one client, <paramref name="eventsPerSecond"/> events published at an
    /// even pace for <paramref name="seconds"/>, each timed from its publication to its line's arrival.
    /// </summary>
    public async Task<string> HopAsync(int eventsPerSecond, int seconds)
    {
        var total = eventsPerSecond * seconds;
        using var client = await RegisterAsync("hop");
        var first = (int)client.Lines;
        client.Arrivals = new long[first + total];
        var published = new long[total];
        var clock = Stopwatch.StartNew();
        for (var sent = 0; sent < total; await Task.Delay(1))
        {
            var due = Math.Min(total, (int)(clock.Elapsed.TotalSeconds * eventsPerSecond));
            for (; sent < due; sent++)
            {
                published[sent] = Stopwatch.GetTimestamp();
                _feed.Publish(1);
            }
        }
        await client.WaitForAsync(first + total, Bound);

        var latencies = published.Select((at, i) => Stopwatch.GetElapsedTime(at, client.Arrivals[first + i]).TotalMilliseconds).Order().ToArray();
        double At(double quantile) => latencies[Math.Min(latencies.Length - 1, (int)(quantile * latencies.Length))];
        return $"hop publish -> client (ms): events/s={eventsPerSecond} events={total} p50={At(0.5):F2} p99={At(0.99):F2} p99.9={At(0.999):F2} max={latencies[^1]:F2}";
    }

    /// <summary>Publishes <paramref name="events"/> and waits until every client counted them, keeping at most the window in flight.</summary>
    private async Task FeedAsync(IReadOnlyList<CountingClient> clients, int events)
    {
        var start = clients.Select(c => c.Lines).ToArray();
        const int Chunk = 64;
        for (var sent = 0; sent < events;)
        {
            var step = Math.Min(Chunk, events - sent);
            _feed.Publish(step);
            sent += step;
            var behind = sent - _window;
            for (var i = 0; i < clients.Count; i++)
            {
                if (clients[i].Lines - start[i] < behind) await clients[i].WaitForAsync(start[i] + behind, Bound);
            }
        }
        for (var i = 0; i < clients.Count; i++) await clients[i].WaitForAsync(start[i] + events, Bound);
    }

    private ProxyRegistration Registration(string purpose)
    {
        var n = Interlocked.Increment(ref _nextSession);
        return new ProxyRegistration($"{purpose}-{n}", "bench", $"s-{purpose}-{n}");
    }

    private Task<CountingClient> RegisterAsync(string purpose) => RegisterAsync(Registration(purpose));

    /// <summary>Registers and waits for the EventACK and the (empty) snapshot's EventEndOfSnapshot: the client cluster counts the client.</summary>
    private async Task<CountingClient> RegisterAsync(ProxyRegistration registration)
    {
        var client = await CountingClient.RegisterAsync(_proxy, registration);
        await client.WaitForAsync(2, Bound);
        return client;
    }

    private Task<SessionInfo> Info(string sessionId) => _sessions.Ask<SessionInfo>(new GetSessionInfo(sessionId), Bound);

    private async Task WaitDisconnectedAsync(string sessionId)
    {
        while ((await Info(sessionId)).Connected) await Task.Delay(5);
    }

    private static long Heap()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
