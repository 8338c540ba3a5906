using ClusterSip.Tests.Support;
using System.Diagnostics;
using System.Text;
using Akka.Actor;
using ClusterSip.Dialogs;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;

// Memory per answered dialog: creates `count` dialogs on one node's dialog manager as the proxy does (the INVITE as
// a DialogStart, then the callee's 200 as a BranchResponse), waits until all are confirmed, and prints the managed
// heap and the process's resident memory per dialog after a full collection. The call event sink acknowledges
// every event, as the callstore does, so a dialog holds no unacknowledged events.
//   dotnet run -c Release --project tests/DialogsBench -- [count]
var count = args.Length > 0 ? int.Parse(args[0]) : 100_000;
var system = ActorSystem.Create("dialogs-bench", "akka.loglevel = WARNING");
var sink = system.ActorOf(Props.Create(() => new AckingSink()), "sink");
var statistics = new DialogStatistics();
var node = DialogNode.Start(system, new DialogSettings(true, TimeSpan.FromHours(12), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10)), sink, statistics,
    new NoRouteEvents());

var (heap0, rss0) = ProcessMemory.AfterFullCollection();
var clock = Stopwatch.StartNew();
for (var i = 0; i < count; i++)
{
    var callId = InteractionIds.New(node.Address);
    var invite = (SipRequest)SipParser.Parse(Encoding.UTF8.GetBytes(
        $"INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK{i}\r\nMax-Forwards: 70\r\n" +
        $"From: Alice <sip:alice@example.com>;tag=a{i}\r\nTo: <sip:bob@example.com>\r\nCall-ID: {i}-bench@192.0.2.1\r\nCSeq: 1 INVITE\r\n" +
        "Contact: <sip:alice@192.0.2.1:5060>\r\nRecord-Route: <sip:192.0.2.9;lr>\r\nContent-Length: 0\r\n\r\n"));
    node.Manager.Tell(new CreateDialog(DialogInputReader.Start(invite, callId, node.Name)));
    node.Tell(callId, new BranchRelayed(1, "sip:bob@192.0.2.4:5060"));
    node.Tell(callId, new BranchResponse(1, 200, $"<sip:bob@example.com>;tag=b{i}", $"b{i}", "sip:bob@192.0.2.4:5060", ["<sip:192.0.2.9;lr>"]));
    node.Tell(callId, new FinalResponseSent(200));
}
while (statistics.Snapshot().ActiveDialogs < count) await Task.Delay(100);
var seconds = clock.Elapsed.TotalSeconds;
await Task.Delay(TimeSpan.FromSeconds(2)); // the acknowledgements of the last events
var (heap1, rss1) = ProcessMemory.AfterFullCollection();
Console.WriteLine($"dialogs={count} confirmed in {seconds:F1} s; managed heap +{(heap1 - heap0) / 1048576.0:F1} MB = {(double)(heap1 - heap0) / count:F0} bytes/dialog; " +
                  $"resident +{(rss1 - rss0) / 1048576.0:F1} MB = {(double)(rss1 - rss0) / count:F0} bytes/dialog");
if (Environment.GetEnvironmentVariable("DIALOGS_BENCH_HOLD") is { } hold) await Task.Delay(TimeSpan.FromSeconds(int.Parse(hold)));
await system.Terminate();
return;

/// <summary>Acknowledges every call event, as the callstore does once it has journaled it.</summary>
internal sealed class AckingSink : ReceiveActor
{
    public AckingSink() => Receive<ClusterSip.CallEvents.CallEvent>(e => Sender.Tell(new ClusterSip.CallEvents.CallEventAck(e.CallId, e.Sequence)));
}

/// <summary>Route events go nowhere here: memory per dialog is measured without a bus.</summary>
internal sealed class NoRouteEvents : ClusterSip.Sip.Stack.Routing.IRouteEventPublisher
{
    public void Publish(ClusterSip.Sip.Stack.Routing.RouteEvent routeEvent)
    {
    }
}
