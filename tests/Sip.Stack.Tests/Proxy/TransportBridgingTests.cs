using System.Net;
using ClusterSip.Sip.Stack.Tests.Support;
using ClusterSip.Sip.Stack.Transport;
using Xunit;
using Xunit.Abstractions;
using static ClusterSip.Sip.Stack.Tests.Support.SipTestMessages;

namespace ClusterSip.Sip.Stack.Tests.Proxy;

/// <summary>A request entering over one transport and leaving over another: Via, Record-Route (RFC 5658 4), routing back.</summary>
public sealed class TransportBridgingTests(ITestOutputHelper output) : TmTestKit(output)
{
    private static readonly SipEndPoint LocalTls = new(SipProtocol.Tls, new IPEndPoint(IPAddress.Parse("10.0.0.100"), 5061));
    private static readonly SipEndPoint CalleeTls = new(SipProtocol.Tls, new IPEndPoint(IPAddress.Parse("10.0.0.2"), 5061));

    private static readonly DelegateRouteScript RecordRouteAndRelay = new(c =>
    {
        c.RecordRoute();
        c.TRelay();
    });

    [Fact]
    public void A_sips_target_is_reached_over_TLS_with_a_TLS_via_and_two_record_routes()
    {
        UseTls();
        var layer = StartLayer(RecordRouteAndRelay);

        layer.OnMessage(From(Request("INVITE", uri: "sips:bob@10.0.0.2"), Caller));
        ExpectResponse(100);
        var forwarded = ExpectRequest("INVITE", CalleeTls);

        Assert.Equal("TLS", forwarded.Vias[0].Transport);
        Assert.Equal(5061, forwarded.Vias[0].Port);
        Assert.Equal(
            ["sip:10.0.0.100:5061;transport=tls;lr", "sip:10.0.0.100:5060;lr"],
            forwarded.RecordRoutes.Select(r => r.Uri.ToString()).ToArray());
    }

    [Fact]
    public void A_request_in_and_out_over_TLS_gets_one_record_route_with_transport_tls()
    {
        UseTls();
        var layer = StartLayer(RecordRouteAndRelay);

        layer.OnMessage(new InboundMessage(
            Request("INVITE", uri: "sip:bob@10.0.0.2;transport=tls", via: "SIP/2.0/TLS 10.0.0.1:5061"), LocalTls, Caller with { Protocol = SipProtocol.Tls }, 0));
        ExpectResponse(100);
        var forwarded = ExpectRequest("INVITE", CalleeTls);

        Assert.Equal("sip:10.0.0.100:5061;transport=tls;lr", Assert.Single(forwarded.RecordRoutes).Uri.ToString());
    }

    [Fact]
    public void An_in_dialog_request_loses_both_of_our_routes()
    {
        UseTls();
        var layer = StartLayer(new DelegateRouteScript(c => c.TRelay()));

        // The callee's BYE, along the route set of the bridged INVITE above.
        var bye = Request("BYE", uri: "sip:alice@10.0.0.1", toTag: "b1", via: "SIP/2.0/TLS 10.0.0.2:5061",
            routes: ["<sip:10.0.0.100:5061;transport=tls;lr>", "<sip:10.0.0.100:5060;lr>"]);
        layer.OnMessage(new InboundMessage(bye, LocalTls, CalleeTls, 0));

        var forwarded = ExpectRequest("BYE", Caller);
        Assert.Empty(forwarded.Routes);
        Assert.Equal("UDP", forwarded.Vias[0].Transport);
    }

    private void UseTls()
    {
        Transport.LocalEndPoints = [FakeTransport.LocalUdp, FakeTransport.LocalTcp, LocalTls];
        Transport.AdvertisedEndPoints = Transport.LocalEndPoints;
    }
}
