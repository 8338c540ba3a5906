using System.Diagnostics;
using ClusterSip.Node.RouteEvents;
using ClusterSip.Sip.Stack.Routing;

namespace ClusterSip.Wakeup.Bench;

/// <summary>
/// What one more node costs each REGISTER: every node listens for REGISTER from the start, so each one raised on node
/// B is also sent to node A. Publishes REGISTER events shaped like the registrar's on B and counts them arriving on A;
/// the process CPU per event covers both ends (serialization, remoting, the hub), as both nodes run in this process.
/// </summary>
internal static class BroadcastCost
{
    private const int Window = 1000;

    public static async Task Run(ClusterSip.Tests.Support.InProcessNode a, ClusterSip.Tests.Support.InProcessNode b, int events)
    {
        var received = 0;
        using var listening = NodeRouteEvents.Of(a.Node.ActorSystem).Listen("REGISTER", new Dictionary<string, string>(), _ => Interlocked.Increment(ref received), TimeSpan.FromHours(1));
        var publisher = NodeRouteEvents.Of(b.Node.ActorSystem);

        var warm = Stopwatch.StartNew();
        while (Volatile.Read(ref received) == 0)
        {
            if (warm.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException("node A heard no REGISTER from node B within 30 s");
            publisher.Publish(Event(-1));
            await Task.Delay(100);
        }

        await Measure("warm-up", events / 5);
        await Measure("measured", events);

        async Task Measure(string label, int count)
        {
            var start = Volatile.Read(ref received);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            for (var sent = 0; sent < count; sent++)
            {
                publisher.Publish(Event(sent));
                while (sent - (Volatile.Read(ref received) - start) > Window)
                {
                    await Task.Delay(1);
                }
            }

            while (Volatile.Read(ref received) - start < count)
            {
                if (clock.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException($"{count - (received - start)} of {count} events never reached node A");
                await Task.Delay(1);
            }

            var elapsed = clock.Elapsed;
            var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Console.WriteLine($"{label}: {count} REGISTER events from node B to node A in {elapsed.TotalSeconds:F2} s: " +
                              $"{count / elapsed.TotalSeconds:F0}/s, {used.TotalMicroseconds / count:F1} us CPU per event (both nodes)");
        }
    }

    private static RouteEvent Event(int i) => RouteEvent.Of(
        "REGISTER",
        ("aor", $"sip:user{i}@example.com"),
        ("contact", $"sip:user{i}@192.0.2.10:5060;transport=udp"),
        ("expires", "3600"));
}
