using System.Net;
using ClusterSip.Transport.Bench;

// Load clients of scripts/bench-tls.sh and scripts/bench-ws.sh (each prints one key=value result line):
//   calls tcp|tls NODE_PORT CALLEE_PORT RATE SECONDS NODE_PID [--per-call] [--cert PEM --key PEM]
//   ws WS_URL CLIENTS SECONDS NODE_PID
try
{
    return args switch
    {
        ["calls", var transport, var nodePort, var calleePort, var rate, var seconds, var pid, .. var options] =>
            await Calls(transport, int.Parse(nodePort), int.Parse(calleePort), int.Parse(rate), int.Parse(seconds), int.Parse(pid), options),
        ["ws", var url, var clients, var seconds, var pid] =>
            await new WsLoad(new Uri(url), int.Parse(clients), int.Parse(seconds), int.Parse(pid)).RunAsync(),
        _ => Usage(),
    };
}
catch (FormatException e)
{
    Console.Error.WriteLine(e.Message);
    return Usage();
}

static async Task<int> Calls(string transport, int nodePort, int calleePort, int rate, int seconds, int pid, string[] options)
{
    var transports = Transports.Create(transport, Option(options, "--cert"), Option(options, "--key"));
    await using var callee = new Callee(transports, calleePort);
    callee.Start();
    var load = new CallLoad(transports, new IPEndPoint(IPAddress.Loopback, nodePort), rate, seconds, options.Contains("--per-call"), pid);
    return await load.RunAsync();
}

static string? Option(string[] options, string name) =>
    Array.IndexOf(options, name) is var i and >= 0 && i + 1 < options.Length ? options[i + 1] : null;

static int Usage()
{
    Console.Error.WriteLine("usage: calls tcp|tls NODE_PORT CALLEE_PORT RATE SECONDS NODE_PID [--per-call] [--cert PEM --key PEM]");
    Console.Error.WriteLine("       ws WS_URL CLIENTS SECONDS NODE_PID");
    return 2;
}
