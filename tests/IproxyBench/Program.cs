using ClusterSip.InteractionProxy;
using ClusterSip.IproxyBench;
using ClusterSip.Node.InteractionProxy;
using ClusterSip.Tests.Support;

// The Interaction Proxy's figures on a node started in this process with its proxy as shipped (hocon/node.conf,
// then --set), fed as a callstore group feeds it (AcceptedCallEvents on the topic) and read by clients over TCP:
//   dotnet run -c Release --project tests/IproxyBench -- deliveries [clients=10] [events=200000] [--set key=value ...]
//   dotnet run -c Release --project tests/IproxyBench -- replay [rounds=5] [--set ...]
//   dotnet run -c Release --project tests/IproxyBench -- memory [sessions=1000] [--set ...]
//   dotnet run -c Release --project tests/IproxyBench -- hop [events/s=4000] [seconds=10] [--set ...]
//   dotnet run -c Release --project tests/IproxyBench -- latency [calls/s=1000] [seconds=10] [warm-up seconds=5] [--set ...]  (SIPp, every feature;
//     SIPp runs at idle priority, nice 19, unless SIPP_PRIORITY=normal: see RingingLatency)
// One result line per mode (scripts/bench-iproxy.sh runs them all).
var positional = args.TakeWhile(a => a != "--set").ToArray();
var sets = args.SkipWhile(a => a != "--set").Where(a => a != "--set").ToList();
var mode = positional.FirstOrDefault() ?? "deliveries";
var numbers = positional.Skip(1).Select(int.Parse).ToArray();
int Number(int index, int fallback) => numbers.Length > index ? numbers[index] : fallback;

if (mode == "latency")
{
    var normal = Environment.GetEnvironmentVariable("SIPP_PRIORITY") == "normal";
    Sipp.Priority = normal ? null : System.Diagnostics.ProcessPriorityClass.Idle;
    var latency = await RingingLatency.RunAsync(Number(0, 1000), Number(1, 10), Number(2, 5), sets);
    Console.WriteLine($"{latency} sipp_priority={(normal ? "normal" : "idle")} sets=[{string.Join(' ', sets)}]");
    return;
}

var port = FreePorts.Next();
// The bench's clients come back to sessions whose node stays theirs: neither grace nor timeout runs out under it.
string[] benchSets =
[
    $"cluster-sip.interaction-proxy.port={port}",
    "cluster-sip.interaction-proxy.disconnect-grace=1h",
    "cluster-sip.interaction-proxy.session-timeout=1h",
    .. sets,
];
await using var node = await InProcessNode.StartAsync(null, [new InteractionProxyFeature(_ => new CallstoreGroups([]))], benchSets);
var bench = new ProxyBench(node.Node.ActorSystem, node.Node.Settings.InteractionProxy.Proxy, port);

var result = mode switch
{
    "deliveries" => await bench.DeliveriesAsync(Number(0, 10), Number(1, 200_000)),
    "replay" => await bench.ReplayAsync(Number(0, 5)),
    "memory" => await bench.MemoryAsync(Number(0, 1000)),
    "hop" => await bench.HopAsync(Number(0, 4000), Number(1, 10)),
    _ => throw new ArgumentException($"unknown mode '{mode}': deliveries, replay, memory, hop or latency"),
};
Console.WriteLine($"{result} sets=[{string.Join(' ', sets)}]");
