using System.Diagnostics;
using Akka.Actor;
using ClusterSip.Callstore;
using ClusterSip.Callstore.Bench;
using ClusterSip.CallEvents;
using ClusterSip.Node.Callstore;
using ClusterSip.Tests.Support;

// Call events per second through one node's callstore as the node ships it (router, group singleton, journal,
// CDR writer; SQLite in the node's data directory unless --set points the persistence elsewhere), each call five
// events sent at once by a stand-in dialog, `window` calls in flight:
//   dotnet run -c Release --project tests/CallstoreBench -- [calls] [window] [--set key=value ...]
// Prints events/s until the last acknowledgement, the process CPU per event and per call (this driver included),
// and how long the CDRs took to follow.
var positional = args.TakeWhile(a => a != "--set").ToArray();
var sets = args.SkipWhile(a => a != "--set").Where(a => a != "--set").ToArray();
var calls = positional.Length > 0 ? int.Parse(positional[0]) : 20_000;
var window = positional.Length > 1 ? int.Parse(positional[1]) : 500;

await using var node = await InProcessNode.StartAsync(null, [new CallstoreFeature()], sets);
var system = node.Node.ActorSystem;
var runtime = system.GetExtension<CallstoreRuntime>();
await WaitForActiveStore(runtime);

await Run(Math.Min(2_000, calls), "warm-up");
var (seconds, cpu) = await Run(calls, "run");
var events = calls * 5.0;
Console.WriteLine($"calls={calls} window={window} events={events:F0} seconds={seconds:F2} events/s={events / seconds:F0} calls/s={calls / seconds:F0} " +
                  $"cpu_us/event={cpu * 1e6 / events:F1} cpu_us/call={cpu * 1e6 / calls:F0} cpu%={100 * cpu / seconds:F0} sets=[{string.Join(' ', sets)}]");
return;

async Task<(double Seconds, double Cpu)> Run(int count, string name)
{
    var before = runtime.Statistics.Snapshot()["cdrs_written"];
    var process = Process.GetCurrentProcess();
    var cpu0 = process.TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    system.ActorOf(CallDriver.Props(runtime.Router, node.ShortAddress, count, window, done), $"driver-{name}");
    await done.Task.WaitAsync(TimeSpan.FromMinutes(10));
    var seconds = clock.Elapsed.TotalSeconds;
    process.Refresh();
    var cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
    while (runtime.Statistics.Snapshot()["cdrs_written"] - before < count) await Task.Delay(50);
    Console.WriteLine($"{name}: {count} calls acknowledged in {seconds:F2} s, their CDRs written {clock.Elapsed.TotalSeconds - seconds:F2} s later");
    return (seconds, cpu);
}

// The group's store answers once it is active (the singleton waits first-election-wait at a cluster's start).
static async Task WaitForActiveStore(CallstoreRuntime runtime) =>
    await runtime.Router.Ask<ActiveCallsSnapshot>(new GetActiveCalls(), TimeSpan.FromSeconds(60));
