using System.Net;
using ClusterSip.Sip.Stack.Resolution;
using ClusterSip.Sip.Stack.Transport;
using ClusterSip.Sip.Uris;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.Sip.Stack.Tests.Resolution;

public sealed class DnsTargetResolverTests : IClassFixture<ResolverZone>
{
    private readonly DnsTargetResolver _resolver;

    public DnsTargetResolverTests(ResolverZone zone) =>
        _resolver = new DnsTargetResolver(NodeConfDefaults.Dns with { Servers = [zone.Dns.EndPoint] });

    private async Task<string[]> Resolve(string uri) =>
        (await _resolver.ResolveAsync(SipUri.Parse(uri))).Select(e => e.ToString()).ToArray();

    [Fact]
    public async Task Naptr_orders_transports_then_srv_gives_targets()
    {
        Assert.Equal(["tcp:127.0.0.11:5070", "udp:127.0.0.12:5080"], await Resolve("sip:alice@naptr.test"));
    }

    [Fact]
    public async Task Without_naptr_srv_of_each_transport_is_used_in_priority_order()
    {
        Assert.Equal(["udp:127.0.0.21:5091", "udp:127.0.0.22:5092", "tcp:127.0.0.23:5093"], await Resolve("sip:bob@srv.test"));
    }

    [Fact]
    public async Task Transport_parameter_selects_that_transport_srv_only()
    {
        Assert.Equal(["tcp:127.0.0.23:5093"], await Resolve("sip:bob@srv.test;transport=tcp"));
    }

    [Fact]
    public async Task Explicit_port_skips_srv_and_uses_addresses()
    {
        Assert.Equal(["udp:127.0.0.31:5999", "udp:[::1]:5999"], await Resolve("sip:carol@plain.test:5999"));
    }

    [Fact]
    public async Task Without_naptr_or_srv_addresses_get_the_default_port_over_udp()
    {
        Assert.Equal(["udp:127.0.0.31:5060", "udp:[::1]:5060"], await Resolve("sip:carol@plain.test"));
    }

    [Fact]
    public async Task Ip_literal_needs_no_dns()
    {
        Assert.Equal(["tcp:127.0.0.9:5071"], await Resolve("sip:127.0.0.9:5071;transport=tcp"));
    }

    [Fact]
    public async Task Maddr_overrides_the_host()
    {
        Assert.Equal(["udp:127.0.0.31:5060", "udp:[::1]:5060"], await Resolve("sip:dave@unknown.test;maddr=plain.test"));
    }

    [Fact]
    public async Task Unknown_domain_and_unsupported_transports_resolve_to_nothing()
    {
        Assert.Empty(await Resolve("sip:eve@nowhere.test"));
        Assert.Empty(await Resolve("sip:eve@plain.test;transport=sctp"));
        Assert.Empty(await Resolve("sips:eve@plain.test;transport=udp"));
        Assert.Empty(await Resolve("sip:127.0.0.9;transport=sctp"));
    }

    [Fact]
    public async Task A_sips_uri_uses_only_the_tls_service_of_naptr()
    {
        Assert.Equal(["tls:127.0.0.41:5071"], await Resolve("sips:alice@secure.test"));
        Assert.Equal(["tls:127.0.0.41:5071", "udp:127.0.0.42:5072"], await Resolve("sip:alice@secure.test"));
    }

    [Fact]
    public async Task Tls_srv_is_sips_tcp_and_the_destination_names_the_domain_its_certificate_must_hold()
    {
        var resolved = await _resolver.ResolveAsync(SipUri.Parse("sips:bob@srvsecure.test"));

        var destination = Assert.Single(resolved);
        Assert.Equal("tls:127.0.0.43:5073", destination.ToString());
        Assert.Equal("srvsecure.test", destination.ServerName);
        Assert.Equal(["tls:127.0.0.43:5073"], await Resolve("sip:bob@srvsecure.test;transport=tls"));
    }

    [Fact]
    public async Task Tls_without_srv_uses_the_addresses_on_port_5061()
    {
        Assert.Equal(["tls:127.0.0.31:5061", "tls:[::1]:5061"], await Resolve("sips:carol@plain.test"));
        Assert.Equal(["tls:127.0.0.9:5061"], await Resolve("sips:127.0.0.9"));
        Assert.Equal(["tls:127.0.0.9:5062"], await Resolve("sip:127.0.0.9:5062;transport=TLS"));
    }

    [Fact]
    public void Srv_ordering_prefers_heavier_records_within_a_priority()
    {
        var heavyFirst = 0;
        var random = new Random(7);
        for (var i = 0; i < 1000; i++)
        {
            var order = SrvOrdering.Order(
                [Srv(10, 1, "light."), Srv(10, 99, "heavy."), Srv(5, 0, "top.")], random);
            Assert.Equal("top.", order[0].Target.Value);
            Assert.Equal(3, order.Count);
            heavyFirst += order[1].Target.Value == "heavy." ? 1 : 0;
        }

        Assert.InRange(heavyFirst, 900, 1000);
    }

    private static DnsClient.Protocol.SrvRecord Srv(ushort priority, ushort weight, string target) =>
        new(new DnsClient.Protocol.ResourceRecordInfo("_sip._udp.x.", DnsClient.Protocol.ResourceRecordType.SRV, DnsClient.QueryClass.IN, 60, 0),
            priority, weight, 5060, DnsClient.DnsString.Parse(target));
}
