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
        // NAPTR offering TLS first, then UDP: a sips URI may only use the TLS one (RFC 3263 4.1).
        "--naptr-record=secure.test,10,50,s,SIPS+D2T,,_sips._tcp.secure.test",
        "--naptr-record=secure.test,20,50,s,SIP+D2U,,_sip._udp.secure.test",
        "--srv-host=_sips._tcp.secure.test,tls.secure.test,5071,10,0",
        "--srv-host=_sip._udp.secure.test,udp.secure.test,5072,10,0",
        "--host-record=tls.secure.test,127.0.0.41",
        "--host-record=udp.secure.test,127.0.0.42",
        // SRV for TLS only, no NAPTR.
        "--srv-host=_sips._tcp.srvsecure.test,tls.srvsecure.test,5073,10,0",
        "--host-record=tls.srvsecure.test,127.0.0.43",
        // No NAPTR, no SRV: A and AAAA only.
        "--host-record=plain.test,127.0.0.31,::1");

    public void Dispose() => Dns.Dispose();
}
