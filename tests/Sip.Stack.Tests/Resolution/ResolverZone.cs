using ClusterSip.Tests.Support;

namespace ClusterSip.Sip.Stack.Tests.Resolution;

/// <summary>The zone the resolver tests ask about, served by a real dnsmasq on loopback.</summary>
public sealed class ResolverZone : IDisposable
{
    public Dnsmasq Dns { get; } = new(
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
        "--host-record=plain.test,127.0.0.31,::1");

    public void Dispose() => Dns.Dispose();
}
