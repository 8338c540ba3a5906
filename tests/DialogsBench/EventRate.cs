using Akka.Actor;
using System.Diagnostics;

namespace ClusterSip.Dialogs.Bench;

/// <summary>
/// Call events at a paced call rate: each second `rate` calls are set up (INVITE, branch, 180, 200) and as many
/// hung up (BYE), each call emitting Initiated, Forked, Ringing, Answered and Released. Prints the events/s the sink
/// acknowledged, how far behind it ended, the bytes allocated per call, and the process CPU per event (dialog actors and sink together).
/// </summary>
internal static class EventRate
{
    private const int EventsPerCall = 5;

    public static async Task Run(DialogNode node, int rate, int seconds)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var calls = rate * seconds;
        // Its own thread, paced by sleeping: a timer continuation queued behind the dialogs' work on the shared
        // thread pool would offer far fewer calls than asked.
        await Task.Factory.StartNew(() => Offer(node, rate, calls, clock), TaskCreationOptions.LongRunning);
        var sent = clock.Elapsed;
        var expected = (long)calls * EventsPerCall;
        while (AckingSink.Received < expected && clock.Elapsed < sent + TimeSpan.FromSeconds(60)) await Task.Delay(10);

        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        var received = AckingSink.Received;
        Console.WriteLine($"{calls} calls at {rate}/s for {seconds} s (offered at {calls / sent.TotalSeconds:F0}/s): {received} of {expected} call events acknowledged, " +
                          $"{received / clock.Elapsed.TotalSeconds:F0} events/s, the last {(clock.Elapsed - sent).TotalMilliseconds:F0} ms after the last call; " +
                          $"{used.TotalMicroseconds / Math.Max(1, received):F1} us CPU per event; {(double)allocated / calls:F0} bytes allocated per call (every thread)");
    }

    private static void Offer(DialogNode node, int rate, int calls, Stopwatch clock)
    {
        var open = new Queue<(IActorRef Dialog, int I)>();
        for (var i = 0; i < calls; i++)
        {
            open.Enqueue((Calls.Answer(node, i), i));
            if (open.Count > rate)
            {
                var (dialog, n) = open.Dequeue();
                Calls.HangUp(dialog, n);
            }

            var ahead = TimeSpan.FromSeconds((double)(i + 1) / rate) - clock.Elapsed;
            if (ahead > TimeSpan.FromMilliseconds(2)) Thread.Sleep(ahead);
        }

        while (open.TryDequeue(out var call)) Calls.HangUp(call.Dialog, call.I);
    }
}
