using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Sip.Tests.Messages;

public class RouteHelperTests
{
    private static SipRequest Request(string routes) =>
        Assert.IsType<SipRequest>(SipParser.Parse(
            "OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n" + routes + "Call-ID: c\r\n\r\n"));

    private static NameAddress Route(string uri) => new(SipUri.Parse(uri));

    private static List<string> Uris(SipRequest r) => r.Routes.Select(x => x.Uri.ToString()).ToList();

    [Fact]
    public void Append_route_goes_below_every_existing_route()
    {
        var r = Request("Route: <sip:p1;lr>, <sip:p2;lr>\r\nMax-Forwards: 70\r\nRoute: <sip:p3;lr>\r\n");

        r.AppendRoute(Route("sip:last"));

        Assert.Equal(["sip:p1;lr", "sip:p2;lr", "sip:p3;lr", "sip:last"], Uris(r));
        var reparsed = (SipRequest)SipParser.Parse(r.ToBytes());
        Assert.Equal(Uris(r), Uris(reparsed));
        Assert.Equal("<sip:p3;lr>", r.Headers.GetAll(HeaderNames.Route)[1]);
    }

    [Fact]
    public void Prepended_routes_go_above_every_existing_route_in_their_order()
    {
        var r = Request("Max-Forwards: 70\r\nRoute: <sip:p1;lr>, <sip:p2;lr>\r\n");

        r.PrependRoutes([Route("sip:e1;lr"), Route("sip:e2;lr")]);

        Assert.Equal(["sip:e1;lr", "sip:e2;lr", "sip:p1;lr", "sip:p2;lr"], Uris(r));
        Assert.Equal(Uris(r), Uris((SipRequest)SipParser.Parse(r.ToBytes())));
    }

    [Fact]
    public void Append_route_without_routes_adds_one()
    {
        var r = Request("");

        r.AppendRoute(Route("sip:only"));

        Assert.Equal(["sip:only"], Uris(r));
    }

    [Theory]
    [InlineData("Route: <sip:p1;lr>, <sip:p2;lr>, <sip:p3>\r\n", "sip:p3", new[] { "sip:p1;lr", "sip:p2;lr" })]
    [InlineData("Route: <sip:p1;lr>\r\nRoute: <sip:p2>\r\n", "sip:p2", new[] { "sip:p1;lr" })]
    [InlineData("Route: <sip:p1;lr>, <sip:p2>\r\nRoute: \r\n", "sip:p2", new[] { "sip:p1;lr" })]
    [InlineData("Route: \"A, B\" <sip:p1;lr>, <sip:p2>\r\n", "sip:p2", new[] { "sip:p1;lr" })]
    [InlineData("Route: <sip:p1>\r\n", "sip:p1", new string[0])]
    public void Remove_last_route_takes_the_bottom_value(string routes, string removed, string[] remaining)
    {
        var r = Request(routes);

        Assert.Equal(removed, r.RemoveLastRoute()!.Uri.ToString());

        Assert.Equal(remaining, Uris(r));
        Assert.Equal(remaining, Uris((SipRequest)SipParser.Parse(r.ToBytes())));
    }

    [Fact]
    public void Remove_last_route_without_routes_returns_null() => Assert.Null(Request("").RemoveLastRoute());
}
