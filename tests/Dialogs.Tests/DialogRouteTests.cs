namespace ClusterSip.Dialogs.Tests;

/// <summary>How the request hook finds the dialog of an in-dialog request when several callees of a fork answered.</summary>
public class DialogRouteTests
{
    private static readonly DialogRoute Route = new DialogRoute("c1-6e", "call@example.com", "alice", ["sip:p1.example.com;lr"], [])
        .WithCallee(new CalleeRoute("bob", "sip:bob@192.0.2.4", "sip:alice@192.0.2.1", []))
        .WithCallee(new CalleeRoute("carol", "sip:carol@192.0.2.5", "sip:alice@192.0.2.1", ["sip:p2.example.net;lr"]));

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
        var route = Route.WithCallee(new CalleeRoute("carol", "sip:elsewhere@192.0.2.7", null, [])).WithTargets("carol", "sip:alice@192.0.2.9", "sip:carol@192.0.2.6");

        Assert.Equal(
            [("bob", "sip:bob@192.0.2.4", "sip:alice@192.0.2.1"), ("carol", "sip:carol@192.0.2.6", "sip:alice@192.0.2.9")],
            route.Callees.Select(c => (c.Tag, c.CalleeTarget, c.CallerTarget)));
        Assert.True(route.Answered);
        Assert.False((Route with { Callees = [] }).Answered);
    }
}
