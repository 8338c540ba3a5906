using Akka.Actor;
using ClusterSip.Dialogs;
using ClusterSip.Dialogs.Bench;

// The dialogs of one node without SIP (the proxy's inputs told to each dialog's actor):
//   dotnet run -c Release --project tests/DialogsBench -- [memory] [count]          memory per answered dialog (100,000)
//   dotnet run -c Release --project tests/DialogsBench -- events [rate] [seconds]   call events at a paced call rate (3,000/s, 10 s)
var events = args.Length > 0 && args[0] == "events";
var numbers = args.Where(a => int.TryParse(a, out _)).Select(int.Parse).ToList();
// The remote provider, as on a node (the cluster's extends it): it is the one that looks up deployments per actor.
var system = ActorSystem.Create("dialogs-bench", """
    akka.loglevel = WARNING
    akka.actor.provider = remote
    akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
    """);
// Akka starts its scheduler at the first timer and blocks that caller until the scheduler's task runs on the thread
// pool. Left to the first dialogs of a burst, every pool thread waits for a task queued behind their own work, and
// events stall for tens of seconds with an idle CPU. A node never meets this: cluster and remoting schedule at start.
system.Scheduler.Advanced.ScheduleOnce(TimeSpan.Zero, () => { });
var sink = system.ActorOf(Props.Create(typeof(AckingSink)), "sink");
var statistics = new DialogStatistics();
var node = DialogNode.Start(system, new DialogSettings(true, true, TimeSpan.FromHours(12), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10)), sink, statistics,
    new NoRouteEvents());
if (events)
{
    await EventRate.Run(node, numbers.ElementAtOrDefault(0) is > 0 and var rate ? rate : 3000, numbers.ElementAtOrDefault(1) is > 0 and var seconds ? seconds : 10);
}
else
{
    await MemoryPerDialog.Run(node, statistics, numbers.FirstOrDefault(100_000));
}

if (Environment.GetEnvironmentVariable("DIALOGS_BENCH_HOLD") is { } hold) await Task.Delay(TimeSpan.FromSeconds(int.Parse(hold)));
await system.Terminate();
