using System.Diagnostics;
using Akka.Actor;
using ClusterSip.Callstore;
using ClusterSip.Callstore.Bench;
using ClusterSip.Callstore.Store;
using ClusterSip.CallEvents;
using ClusterSip.Node.Callstore;
using ClusterSip.Tests.Support;

// Call events through one node's callstore as the node ships it (router, group singleton, journal, CDR writer;
// SQLite in the node's data directory unless --set points the persistence elsewhere), each call's events sent at
// once by a stand-in dialog:
//   dotnet run -c Release --project tests/CallstoreBench -- [calls] [window] [--rate N] [--active] [--set key=value ...]
// By default `window` calls are in flight (closed loop); --rate starts N calls per second instead (open loop);
// --active sends only each call's first four events, so the calls stay active. Prints:
//   run:     events/s until the last acknowledgement, the process CPU per event and per call (this driver included),
//            how long the CDRs took to follow;
//   publish: the time from an event's sending to its publication for the Interaction Proxy (p50/p90/p99/max);
//   replay:  a read-only recovery of the group's journal as a takeover does it (snapshot + batches), events/s;
//   memory:  with --active, the managed heap and resident set per 100,000 active calls.
var options = args.TakeWhile(a => a != "--set").ToList();
var sets = args.SkipWhile(a => a != "--set").Where(a => a != "--set").ToArray();
var rate = Flag("--rate") is { } r ? int.Parse(r) : 0;
var leaveActive = options.Remove("--active");
var positional = options.ToArray();
var calls = positional.Length > 0 ? int.Parse(positional[0]) : 20_000;
var window = positional.Length > 1 ? int.Parse(positional[1]) : 500;

await using var node = await InProcessNode.StartAsync(null, [new CallstoreFeature()], sets);
var system = node.Node.ActorSystem;
var runtime = system.GetExtension<CallstoreRuntime>();
await WaitForActiveStore(runtime);
var subscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
var publications = system.ActorOf(PublishLatency.Props(subscribed), "publish-latency");
await subscribed.Task.WaitAsync(TimeSpan.FromSeconds(30));

await Run(new DriverPlan(Math.Min(2_000, calls), window, 0, LeaveActive: false), "warm-up");
await publications.Ask<PublishLatency.Percentiles>(PublishLatency.Report.Instance);
var before = ProcessMemory.AfterFullCollection();
var plan = new DriverPlan(calls, window, rate, leaveActive);
var (seconds, cpu) = await Run(plan, "run");
var events = (double)calls * plan.EventsPerCall;
var mode = rate > 0 ? $"rate={rate}/s" : $"window={window}";
Console.WriteLine($"calls={calls} {mode} events={events:F0} seconds={seconds:F2} events/s={events / seconds:F0} calls/s={calls / seconds:F0} " +
                  $"cpu_us/event={cpu * 1e6 / events:F1} cpu_us/call={cpu * 1e6 / calls:F0} cpu%={100 * cpu / seconds:F0} load={Load()} sets=[{string.Join(' ', sets)}]");

var latency = await publications.Ask<PublishLatency.Percentiles>(PublishLatency.Report.Instance, TimeSpan.FromSeconds(30));
Console.WriteLine($"publish: events={latency.Count} p50_ms={latency.P50:F1} p90_ms={latency.P90:F1} p99_ms={latency.P99:F1} max_ms={latency.Max:F1}");

if (leaveActive)
{
    var after = ProcessMemory.AfterFullCollection();
    Console.WriteLine($"memory: active_calls={runtime.Statistics.ActiveCalls} heap_mb_per_100k_calls={(after.Heap - before.Heap) / 1e6 * 100_000 / calls:F0} " +
                      $"rss_mb_per_100k_calls={(after.Resident - before.Resident) / 1e6 * 100_000 / calls:F0}");
}

var replayed = new TaskCompletionSource<ReplayProbe.Replayed>(TaskCreationOptions.RunContinuationsAsynchronously);
var replayClock = Stopwatch.StartNew();
system.ActorOf(ReplayProbe.Props(GroupStoreSettings.PersistenceIdOf(1), replayed), "replay");
var replay = await replayed.Task.WaitAsync(TimeSpan.FromMinutes(10));
var replaySeconds = replayClock.Elapsed.TotalSeconds;
var replayEvents = replay.SnapshotEvents + replay.JournalEvents;
Console.WriteLine($"replay: snapshot_events={replay.SnapshotEvents} journal_events={replay.JournalEvents} rows={replay.Rows} active_calls={replay.ActiveCalls} " +
                  $"seconds={replaySeconds:F2} events/s={replayEvents / replaySeconds:F0}");
return;

string? Flag(string name)
{
    var at = options.IndexOf(name);
    if (at < 0) return null;
    var value = options[at + 1];
    options.RemoveRange(at, 2);
    return value;
}

async Task<(double Seconds, double Cpu)> Run(DriverPlan runPlan, string name)
{
    var cdrsBefore = runtime.Statistics.Snapshot()["cdrs_written"];
    var process = Process.GetCurrentProcess();
    var cpu0 = process.TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    // Call ids unique to this process: a PostgreSQL journal and CDR table outlive it.
    system.ActorOf(CallDriver.Props(runtime.Router, node.ShortAddress, runPlan, done), $"driver-{name}-{Environment.ProcessId}");
    await done.Task.WaitAsync(TimeSpan.FromMinutes(10));
    var elapsed = clock.Elapsed.TotalSeconds;
    process.Refresh();
    var used = (process.TotalProcessorTime - cpu0).TotalSeconds;
    var cdrs = runPlan.LeaveActive ? 0 : runPlan.Calls;
    while (runtime.Statistics.Snapshot()["cdrs_written"] - cdrsBefore < cdrs) await Task.Delay(50);
    Console.WriteLine($"{name}: {runPlan.Calls} calls acknowledged in {elapsed:F2} s, their CDRs written {clock.Elapsed.TotalSeconds - elapsed:F2} s later");
    return (elapsed, used);
}

static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

// The group's store answers once it is active (the singleton waits first-election-wait at a cluster's start).
static async Task WaitForActiveStore(CallstoreRuntime runtime) =>
    await runtime.Router.Ask<ActiveCallsSnapshot>(new GetActiveCalls(), TimeSpan.FromSeconds(60));
