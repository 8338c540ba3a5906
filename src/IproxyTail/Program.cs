using System.Runtime.InteropServices;
using ClusterSip.IproxyTail;

// Ctrl-C and SIGTERM stop the tail in order: it says where the session stands, then exits 0.
using var stop = new CancellationTokenSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
return await TailProgram.RunAsync(args, Console.Out, Console.Error, stop.Token);

void Stop(PosixSignalContext signal)
{
    signal.Cancel = true;
    stop.Cancel();
}
