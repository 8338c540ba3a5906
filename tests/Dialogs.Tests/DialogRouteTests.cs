using Akka.Actor;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Dialogs.Tests;

/// <summary>How the request hook finds the dialog of an in-dialog request when several callees of a fork answered.</summary>
public class DialogRouteTests
{
    private static readonly DialogRoute Route = new DialogRoute("c1-6e", "call@example.com", "alice", [Address("sip:p1.example.com;lr")], [], ActorRefs.Nobody)
        .WithCallee(new CalleeRoute("bob", Uri("sip:bob@192.0.2.4"), Uri("sip:alice@192.0.2.1"), []))
        .WithCallee(new CalleeRoute("carol", Uri("sip:carol@192.0.2.5"), Uri("sip:alice@192.0.2.1"), [Address("sip:p2.example.net;lr")]));

    [Theory]
    [InlineData("alice", "bob", "bob", true)]
    [InlineData("bob", "alice", "bob", false)]
    [InlineData("alice", "carol", "carol", true)]
    [InlineData("carol", "alice", "carol", false)]
    public void A_request_of_either_party_of_each_answered_dialog_finds_that_dialog(string fromTag, string toTag, string callee, bool fromCaller)
    {
        Assert.Equal(callee, Route.Find(fromTag, toTag, out var byCaller)?.Tag);
        Assert.Equal(fromCaller, byCaller);
    }

    [Theory]
    [InlineData("alice", "dave")]
    [InlineData("dave", "alice")]
    [InlineData("bob", "carol")]
    [InlineData("alice", null)]
    public void Tags_of_no_answered_dialog_find_nothing(string? fromTag, string? toTag)
    {
        Assert.Null(Route.Find(fromTag, toTag, out _));
    }

    [Fact]
    public void A_retransmitted_answer_adds_no_dialog_and_a_refresh_moves_only_its_dialog()
    {
        var route = Route.WithCallee(new CalleeRoute("carol", Uri("sip:elsewhere@192.0.2.7"), null, [])).WithTargets("carol", Uri("sip:alice@192.0.2.9"), Uri("sip:carol@192.0.2.6"));

        Assert.Equal(
            [("bob", "sip:bob@192.0.2.4", "sip:alice@192.0.2.1"), ("carol", "sip:carol@192.0.2.6", "sip:alice@192.0.2.9")],
            route.Callees.Select(c => (c.Tag, c.CalleeTarget?.ToString(), c.CallerTarget?.ToString())));
        Assert.True(route.Answered);
        Assert.False((Route with { Callees = [] }).Answered);
    }

    [Fact]
    public void A_route_set_holds_the_record_route_uris_without_their_parameters_and_display_names()
    {
        var routes = DialogRoute.RouteSet([NameAddress.Parse("<sip:p1.example.com;lr>"), NameAddress.Parse("\"Edge\" <sip:p2.example.net;lr>;x=1")]);

        Assert.Equal(["<sip:p1.example.com;lr>", "<sip:p2.example.net;lr>"], routes.Select(r => r.ToString()));
    }

    [Fact]
    public void The_parsed_route_set_towards_the_callee_skips_the_record_routes_that_carry_this_call()
    {
        NameAddress[] recordRoutes =
        [
            NameAddress.Parse("<sip:p2.example.net;lr>;x=1"),
            NameAddress.Parse("<sip:proxy.example.com;lr;did=c1-6e>"),
            NameAddress.Parse("<sip:proxy.example.com;lr;did=c1-6e>"),
            NameAddress.Parse("<sip:p1.example.com;lr>"),
        ];

        Assert.Equal(["<sip:p2.example.net;lr>"], DialogRoute.TowardsCallee(recordRoutes, 1, "c1-6e").Select(r => r.ToString()));
        Assert.Equal(3, DialogRoute.TowardsCallee(recordRoutes, 1, "c2-6e").Count);
        Assert.Empty(DialogRoute.TowardsCallee(recordRoutes[1..], 1, "c1-6e"));
    }

    private static AnyUri Uri(string text) => AnyUri.Parse(text);

    private static NameAddress Address(string uri) => new(AnyUri.Parse(uri));
}
