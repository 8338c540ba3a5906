using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ClusterSip.Sip.Stack.Tests.Resolution;

/// <summary>
/// A real DNS server on loopback (Debian's dnsmasq, installed by scripts/install-test-deps.sh) serving the zone
/// the resolver tests ask about. It answers from its command line only: no upstream, no /etc/hosts.
/// </summary>
public sealed class Dnsmasq : IDisposable
{
    private readonly Process _process;

    public Dnsmasq()
    {
        Port = FreeUdpPort();
        var info = new ProcessStartInfo("dnsmasq") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])
        [
            "--keep-in-foreground", "--no-daemon", "--no-resolv", "--no-hosts", "--bind-interfaces",
            "--listen-address=127.0.0.1", $"--port={Port}", "--user=root", "--pid-file=",
            // NAPTR prefers TCP, then UDP (RFC 3263 4.1).
            "--naptr-record=naptr.test,10,50,s,SIP+D2T,,_sip._tcp.naptr.test",
            "--naptr-record=naptr.test,20,50,s,SIP+D2U,,_sip._udp.naptr.test",
            "--srv-host=_sip._tcp.naptr.test,tcp1.naptr.test,5070,10,10",
            "--srv-host=_sip._udp.naptr.test,udp1.naptr.test,5080,10,10",
            "--host-record=tcp1.naptr.test,127.0.0.11",
            "--host-record=udp1.naptr.test,127.0.0.12",
            // SRV only: priority 10 before priority 20, whatever the listing order.
            "--srv-host=_sip._udp.srv.test,second.srv.test,5092,20,0",
            "--srv-host=_sip._udp.srv.test,first.srv.test,5091,10,0",
            "--srv-host=_sip._tcp.srv.test,tcp.srv.test,5093,10,0",
            "--host-record=first.srv.test,127.0.0.21",
            "--host-record=second.srv.test,127.0.0.22",
            "--host-record=tcp.srv.test,127.0.0.23",
            // No NAPTR, no SRV: A and AAAA only.
            "--host-record=plain.test,127.0.0.31,::1",
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
