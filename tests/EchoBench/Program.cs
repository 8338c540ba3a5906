using System.Net;
using System.Runtime.InteropServices;
using ClusterSip.EchoBench;
using ClusterSip.Sip.Stack.Transport;
using ClusterSip.Tests.Support;

// Stateless UDP echo for throughput measurements: answers every request with 200 OK until SIGINT/SIGTERM.
// Usage: ClusterSip.EchoBench [address:port] (default 127.0.0.1:5070)
var endPoint = IPEndPoint.Parse(args.Length > 0 ? args[0] : "127.0.0.1:5070");
if (!IPAddress.IsLoopback(endPoint.Address))
{
    Console.Error.WriteLine("echo bench listens on loopback addresses only");
    return 2;
}

await using var layer = new SipTransportLayer();
var sink = new EchoSink(layer);
await layer.StartAsync(NodeConfDefaults.Transport with { Listen = [new SipEndPoint(SipProtocol.Udp, endPoint)] }, sink);
Console.WriteLine($"echo listening on {string.Join(", ", layer.LocalEndPoints)}");

var stop = new TaskCompletionSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.TrySetResult(); });
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.TrySetResult(); });
await stop.Task;
Console.WriteLine($"answered {sink.Answered}, failed {sink.Failed}");
return 0;
