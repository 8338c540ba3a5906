using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ClusterSip.Tests.Support;

/// <summary>
/// A real DNS server on loopback (Debian's dnsmasq, installed by scripts/install-test-deps.sh) serving the records
/// a test gives as dnsmasq options ("--srv-host=...", "--host-record=...", "--naptr-record=..."). It answers from
/// its command line only: no upstream, no /etc/hosts.
/// </summary>
public sealed class Dnsmasq : IDisposable
{
    private readonly Process _process;

    public Dnsmasq(params string[] records)
    {
        Port = FreeUdpPort();
        var info = new ProcessStartInfo("dnsmasq") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])
        [
            "--keep-in-foreground", "--no-daemon", "--no-resolv", "--no-hosts", "--bind-interfaces",
            "--listen-address=127.0.0.1", $"--port={Port}", "--user=root", "--pid-file=", .. records,
        ])
        {
            info.ArgumentList.Add(argument);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("dnsmasq did not start");
        WaitUntilServing();
    }

    public int Port { get; }

    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.WaitForExit();
        _process.Dispose();
    }

    private void WaitUntilServing()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"dnsmasq exited: {_process.StandardError.ReadToEnd()}");
            }

            if (IPGlobalPropertiesHasUdpListener(Port))
            {
                return;
            }

            Thread.Sleep(50);
        }

        throw new TimeoutException("dnsmasq did not start listening");
    }

    private static bool IPGlobalPropertiesHasUdpListener(int port) =>
        System.Net.NetworkInformation.IPGlobalProperties.GetIPGlobalProperties().GetActiveUdpListeners().Any(e => e.Port == port);

    private static int FreeUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
