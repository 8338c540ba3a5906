using ClusterSip.Tests.Support;
using System.Diagnostics;
using System.Text;
using Akka.Actor;
using Akka.Cluster.Sharding;
using ClusterSip.Presence;
using ClusterSip.Presence.Agent;
using ClusterSip.Presence.B2b;
using ClusterSip.Presence.Bench;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;
using ClusterSip.Sip.Stack.Routing;
using ClusterSip.Sip.Uris;

// The presence figures (docs/presence.md), each on a one-node cluster with a presence server answering every SUBSCRIBE
// 200 at once in place of the network. memory and refresh keep the journal in memory (its events are counted in the
// heap); storm and publish use the node's SQLite journal (on tmpfs), which a restart reads back:
//   dotnet run -c Release --project tests/PresenceBench -- memory  [subscriptions=100000]
//   dotnet run -c Release --project tests/PresenceBench -- refresh [subscriptions=10000] [expires=40] [window-seconds=30]
//   dotnet run -c Release --project tests/PresenceBench -- storm   [subscriptions=3000] [max_subscribe_delay=20]
//   dotnet run -c Release --project tests/PresenceBench -- publish [presentities=200] [seconds=20]
//   dotnet run -c Release --project tests/PresenceBench -- burst   [subscriptions=100000]
var mode = args.FirstOrDefault() ?? "memory";
int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index]) : fallback;
// On tmpfs when there is one: the figures are the node's, not the disk's (each persisted event is a SQLite commit).
var database = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), $"presence-bench-{Guid.NewGuid():N}.db");
var port = FreePort();
try
{
    switch (mode)
    {
        case "memory": await MemoryPerSubscription(Arg(1, 100_000)); break;
        case "refresh": await RefreshLoad(Arg(1, 10_000), Arg(2, 40), Arg(3, 30)); break;
        case "storm": await RestartStorm(Arg(1, 3_000), Arg(2, 20)); break;
        case "publish": await PublishRate(Arg(1, 200), Arg(2, 20)); break;
        case "burst": await Burst(Arg(1, 100_000)); break;
        default: Console.Error.WriteLine($"unknown mode {mode}: memory, refresh, storm, publish or burst"); return 2;
    }

    return 0;
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    File.Delete(database);
}

// Active subscriptions (each answered 200, refresh scheduled) and what the node holds for them.
async Task MemoryPerSubscription(int count)
{
    var system = await BenchNode.StartAsync(null, port);
    var server = new AnsweringServer();
    var region = StartSubscriptions(system, server, B2b(3600, TimeSpan.Zero));
    var watcher = system.ActorOf(Props.Create(() => new Sink()), "watcher");
    var (heap0, rss0) = ProcessMemory.AfterFullCollection();
    var clock = Stopwatch.StartNew();
    await Subscribe(region, watcher, count, server);
    await Until(() => server.Sent >= count, TimeSpan.FromMinutes(2));
    var seconds = clock.Elapsed.TotalSeconds;
    await Task.Delay(TimeSpan.FromSeconds(2));
    var (heap1, rss1) = ProcessMemory.AfterFullCollection();
    Console.WriteLine($"memory: {count} active subscriptions in {seconds:F1} s; managed heap +{(heap1 - heap0) / 1048576.0:F1} MB = {(double)(heap1 - heap0) / count:F0} bytes/subscription; " +
                      $"resident +{(rss1 - rss0) / 1048576.0:F1} MB = {(double)(rss1 - rss0) / count:F0} bytes/subscription; per 100,000: {(heap1 - heap0) * 100_000.0 / count / 1048576.0:F0} MB heap, {(rss1 - rss0) * 100_000.0 / count / 1048576.0:F0} MB resident");
    await system.Terminate();
}

// Every internal subscription sent at once through the node's InternalSubscriptionRouter, which starts at most
// starting-subscriptions of them at a time: how long until all have sent their first SUBSCRIBE.
async Task Burst(int count)
{
    var system = await BenchNode.StartAsync(null, port);
    var server = new AnsweringServer();
    var settings = B2b(3600, TimeSpan.Zero);
    var router = system.ActorOf(InternalSubscriptionRouter.Props(StartSubscriptions(system, server, settings), ActorRefs.Nobody, settings, Agent()));
    var watcher = system.ActorOf(Props.Create(() => new Sink()), "watcher");
    var clock = Stopwatch.StartNew();
    for (var i = 0; i < count; i++) router.Tell(new SubscribePresence($"sip:u{i}@presence.example.com", "sip:watcher@example.com", watcher));
    await Until(() => server.Sent >= count, TimeSpan.FromMinutes(15));
    Console.WriteLine($"burst: {count} internal subscriptions sent at once, all subscribed in {clock.Elapsed.TotalSeconds:F1} s = {count / clock.Elapsed.TotalSeconds:F0}/s " +
                      $"(starting-subscriptions {settings.StartingSubscriptions})");
    await system.Terminate();
}

// The refresh rule (RefreshSchedule): a SUBSCRIBE every max(expires - resubscribe_delta, min_resubscribe_time) per subscription.
async Task RefreshLoad(int count, int expires, int window)
{
    var defaults = B2b(3600, TimeSpan.Zero);
    Console.WriteLine($"refresh, computed: 100,000 subscriptions, Expires 3600, resubscribe_delta 30, min_resubscribe_time 30: " +
                      $"{100_000 / Interval(3600, defaults):F1} SUBSCRIBE/s (one every {Interval(3600, defaults)} s each)");

    var settings = B2b(expires, TimeSpan.Zero) with { MinResubscribeTime = TimeSpan.Zero };
    var system = await BenchNode.StartAsync(null, port);
    var server = new AnsweringServer();
    var region = StartSubscriptions(system, server, settings);
    var watcher = system.ActorOf(Props.Create(() => new Sink()), "watcher");
    await Subscribe(region, watcher, count, server);
    await Until(() => server.Sent >= count, TimeSpan.FromMinutes(10));
    var settled = server.Sends[^1] + TimeSpan.FromSeconds(Interval(expires, settings)); // one full round of refreshes after the last first SUBSCRIBE
    await Until(() => server.Sends[^1] > settled + TimeSpan.FromSeconds(window), TimeSpan.FromSeconds(Interval(expires, settings) * 2 + window + 60));
    var observed = server.Sends.Count(t => t > settled && t <= settled + TimeSpan.FromSeconds(window)) / (double)window;
    Console.WriteLine($"refresh, observed: {count} subscriptions, Expires {expires}, resubscribe_delta 30, min_resubscribe_time 0: " +
                      $"{observed:F1} SUBSCRIBE/s over {window} s (computed {count / Interval(expires, settings):F1}/s)");
    await system.Terminate();
}

// The node restarted on the same journal: every remembered subscription starts again and sends its first SUBSCRIBE.
async Task RestartStorm(int count, int maxDelay)
{
    var first = await BenchNode.StartAsync(database, port);
    var server = new AnsweringServer();
    var region = StartSubscriptions(first, server, B2b(3600, TimeSpan.Zero));
    await Subscribe(region, first.ActorOf(Props.Create(() => new Sink()), "watcher"), count, server);
    await Until(() => server.Sent >= count, TimeSpan.FromMinutes(10));
    await first.Terminate();

    foreach (var delay in new[] { 0, maxDelay })
    {
        var restarted = await BenchNode.StartAsync(database, port);
        var after = new AnsweringServer();
        StartSubscriptions(restarted, after, B2b(3600, TimeSpan.FromSeconds(delay)));
        await Until(() => after.Sent >= count, TimeSpan.FromSeconds(delay + 300));
        var perSecond = after.Sends.GroupBy(t => (int)t.TotalSeconds).OrderBy(g => g.Key).ToList();
        Console.WriteLine($"storm after restart, max_subscribe_delay {delay}: {count} first SUBSCRIBEs from {perSecond[0].Key} s to {perSecond[^1].Key} s after the node was up, " +
                          $"peak {perSecond.Max(g => g.Count())}/s; per second: {string.Join(' ', perSecond.Select(g => $"{g.Key}s:{g.Count()}"))}");
        await restarted.Terminate();
    }
}

// PUBLISH (initial, then modifications by SIP-If-Match alternating open and closed) into the agent's presentities.
async Task PublishRate(int presentities, int seconds)
{
    var system = await BenchNode.StartAsync(database, port);
    var events = new CountingEvents();
    var agent = ClusterSharding.Get(system).Start(
        PresenceSharding.AgentTypeName,
        key => PresentityActor.Props(key, Agent(), new AnsweringServer(), events),
        ClusterShardingSettings.Create(system).WithRememberEntities(true),
        new AgentMessageExtractor(100));
    var end = DateTime.UtcNow.AddSeconds(seconds);
    var answered = 0L;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, presentities).Select(async i =>
    {
        string? etag = null;
        for (var n = 1; DateTime.UtcNow < end; n++)
        {
            var response = await agent.Ask<AgentResponse>(r => new AgentRequest($"sip:u{i}@example.com", Publish(i, n, etag), r), TimeSpan.FromSeconds(30), CancellationToken.None);
            var parsed = (SipResponse)SipParser.Parse(response.Message);
            etag = parsed.StatusCode == 200 ? parsed.Headers.Get("SIP-ETag") : throw new InvalidOperationException($"PUBLISH answered {parsed.StatusCode}");
            Interlocked.Increment(ref answered);
        }
    }));
    Console.WriteLine($"publish: {answered} PUBLISHes answered 200 in {clock.Elapsed.TotalSeconds:F1} s = {answered / clock.Elapsed.TotalSeconds:F0} PUBLISH/s " +
                      $"({presentities} presentities, one PUBLISH at a time each; {events.Raised} PRESENCE events raised)");
    await system.Terminate();
}

static IActorRef StartSubscriptions(ActorSystem system, IRequestSender server, PresenceB2bSettings settings) =>
    PresenceSharding.StartSubscriptions(system, settings, server, new LocalSubscriptionDialogs(), new CountingEvents(), ClusterShardingSettings.Create(system));

// At most 2,000 subscriptions waiting for their first SUBSCRIBE: all at once, sharding's remember-entities writes time
// out (5 s) and restart shards, losing what they held.
static async Task Subscribe(IActorRef region, IActorRef watcher, int count, AnsweringServer server)
{
    for (var i = 0; i < count; i++)
    {
        region.Tell(new SubscribePresence($"sip:u{i}@presence.example.com", "sip:watcher@example.com", watcher));
        if (i - server.Sent >= 2_000)
        {
            await Until(() => i - server.Sent < 1_000, TimeSpan.FromMinutes(1));
        }
    }
}

static PresenceB2bSettings B2b(int expires, TimeSpan maxSubscribeDelay) => new(
    expires, TimeSpan.FromSeconds(120), null, [], TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), true, null, maxSubscribeDelay, Contact, 256);

static PresenceAgentSettings Agent() => new(["example.com"], WatcherPolicy.AllowAll, false, 3600, 60, 7200, TimeSpan.FromSeconds(10), Contact);

static double Interval(int expires, PresenceB2bSettings settings) =>
    Math.Max(expires - settings.ResubscribeDelta.TotalSeconds, settings.MinResubscribeTime.TotalSeconds);

static byte[] Publish(int presentity, int n, string? etag)
{
    var body = $"<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='sip:u{presentity}@example.com'><tuple id='phone'><status><basic>{(n % 2 == 1 ? "open" : "closed")}</basic></status></tuple></presence>";
    return Encoding.UTF8.GetBytes(
        $"PUBLISH sip:u{presentity}@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK{presentity}x{n}\r\nMax-Forwards: 70\r\n" +
        $"From: <sip:u{presentity}@example.com>;tag=p{presentity}\r\nTo: <sip:u{presentity}@example.com>\r\nCall-ID: pub-{presentity}\r\nCSeq: {n} PUBLISH\r\n" +
        $"Event: presence\r\nExpires: 3600\r\n{(etag is null ? "" : $"SIP-If-Match: {etag}\r\n")}Content-Type: application/pidf+xml\r\n" +
        $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}");
}

static async Task Until(Func<bool> condition, TimeSpan bound)
{
    var deadline = DateTime.UtcNow + bound;
    while (!condition())
    {
        if (DateTime.UtcNow > deadline) throw new TimeoutException($"not done within {bound}");
        await Task.Delay(50);
    }
}

static int FreePort()
{
    using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
    listener.Start();
    return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
}

public partial class Program
{
    private static readonly AnyUri Contact = AnyUri.Parse("sip:127.0.0.1:5060");
}

/// <summary>The subscriptions' watcher: takes each status and drops it.</summary>
internal sealed class Sink : ReceiveActor
{
    public Sink() => ReceiveAny(_ => { });
}

/// <summary>The route event bus of the bench: counts what is raised.</summary>
internal sealed class CountingEvents : IRouteEventPublisher
{
    private long _raised;

    public long Raised => Interlocked.Read(ref _raised);

    public void Publish(RouteEvent routeEvent) => Interlocked.Increment(ref _raised);
}
