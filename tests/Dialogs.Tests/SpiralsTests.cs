using System.Text;
using Akka.Actor;
using ClusterSip.Sip.Headers;
using ClusterSip.Sip.Uris;
using ClusterSip.Dialogs.Tests.Support;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;

namespace ClusterSip.Dialogs.Tests;

/// <summary>Kamailio's detect_spirals: which initial INVITE is a call coming back through this node rather than a new call.</summary>
public class SpiralsTests
{
    private readonly DialogRegistry _registry = new();

    public SpiralsTests() =>
        _registry.SetRoute(new DialogRoute("c1-6e", CallMessages.CallId, CallMessages.CallerTag, [new NameAddress(AnyUri.Parse("sip:p1.example.com;lr"))], [], ActorRefs.Nobody));

    [Fact]
    public void An_invite_of_a_tracked_call_that_came_through_this_node_is_that_call() =>
        Assert.Equal("c1-6e", Spirals.CallOf(_registry, CallMessages.Invite(), cameThroughThisNode: true)?.CallId);

    [Fact]
    public void The_same_call_answered_by_another_callee_meanwhile_still_takes_its_spiral()
    {
        _registry.UpdateRoute(CallMessages.CallId, "c1-6e", static (r, c) => r.WithCallee(c), new CalleeRoute("b1", AnyUri.Parse("sip:bob@192.0.2.4"), AnyUri.Parse("sip:alice@192.0.2.1"), []));

        Assert.Equal("c1-6e", Spirals.CallOf(_registry, CallMessages.Invite(), cameThroughThisNode: true)?.CallId);
    }

    [Fact]
    public void The_same_call_straight_from_the_caller_is_a_new_call()
    {
        // An INVITE retried with credentials after 401/407 keeps its Call-ID and From tag (RFC 3261 22.2).
        Assert.Null(Spirals.CallOf(_registry, CallMessages.Invite(), cameThroughThisNode: false));
    }

    [Fact]
    public void Another_call_id_or_from_tag_is_another_call()
    {
        var otherTag = Changed(CallMessages.CallerTag, "other");
        var otherCall = Changed(CallMessages.CallId, "other@pc33.example.com");

        Assert.Null(Spirals.CallOf(_registry, otherTag, cameThroughThisNode: true));
        Assert.Null(Spirals.CallOf(_registry, otherCall, cameThroughThisNode: true));
    }

    [Fact]
    public void The_route_set_towards_the_callee_skips_both_record_routes_of_a_spiralled_call()
    {
        var ours = CallMessages.Ours + "c1-6e";
        string[] recordRoutes = ["sip:p2.example.net;lr", ours, ours, "sip:p1.example.com;lr"];

        Assert.Equal(["sip:p2.example.net;lr"], DialogRoute.TowardsCallee(recordRoutes, ["sip:p1.example.com;lr"], "c1-6e"));
        Assert.Empty(DialogRoute.TowardsCallee(recordRoutes[1..], ["sip:p1.example.com;lr"], "c1-6e"));
    }

    private static SipRequest Changed(string value, string to) =>
        (SipRequest)SipParser.Parse(Encoding.UTF8.GetBytes(CallMessages.Invite().ToString()!.Replace(value, to, StringComparison.Ordinal)));
}
