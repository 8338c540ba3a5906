using System.Net;
using ClusterSip.Node.Registrar;
using ClusterSip.Node.Sip;
using ClusterSip.Tests.Support;
using ClusterSip.Wakeup.Bench;

// Event-driven routing across two nodes in this process (docs/event-routing.md):
//   dotnet run -c Release --project tests/WakeupBench -- [wakeup] [calls]     push wake-up latency, node B to node A
//   dotnet run -c Release --project tests/WakeupBench -- broadcast [events]   CPU per REGISTER event sent to one more node
var broadcast = args.Length > 0 && args[0] == "broadcast";
var numbers = args.Where(a => int.TryParse(a, out _)).Select(int.Parse).ToList();
var sipA = new IPEndPoint(IPAddress.Loopback, FreePorts.Next());
var sipB = new IPEndPoint(IPAddress.Loopback, FreePorts.Next());
await using var a = await Start(sipA, []);
await using var b = await Start(sipB, ["cluster-sip.cluster.join=seed-nodes", $"cluster-sip.cluster.seed-nodes=[\"{a.Address}\"]"]);
if (broadcast)
{
    await BroadcastCost.Run(a, b, numbers.FirstOrDefault(50_000));
}
else
{
    using var wakeup = new WakeupLatency(sipA, sipB);
    await wakeup.Run(numbers.FirstOrDefault(300));
}

static async Task<InProcessNode> Start(IPEndPoint sip, string[] sets)
{
    var node = await InProcessNode.StartAsync(features: [new RegistrarFeature(), new SipFeature()], sets:
    [
        $"cluster-sip.sip.listen=[\"udp:{sip}\"]",
        "cluster-sip.registrar.domains=[\"example.com\"]",
        "cluster-sip.routing.script=push-wakeup",
        "cluster-sip.push.timeout=10s",
        "akka.loglevel=WARNING",
        .. sets,
    ]);
    await node.Api.WaitUntilReadyAsync();
    return node;
}
