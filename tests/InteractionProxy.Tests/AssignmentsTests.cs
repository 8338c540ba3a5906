using ClusterSip.InteractionProxy.Clusters;

namespace ClusterSip.InteractionProxy.Tests;

public sealed class AssignmentsTests
{
    [Fact]
    public void New_interactions_go_to_the_connected_node_with_the_fewest_and_keep_it()
    {
        var assignments = new Assignments();
        assignments.Upsert(new ClientNode("n1", "s1", Connected: true));
        assignments.Upsert(new ClientNode("n2", "s2", Connected: true));
        Assert.Equal(["n1", "n2", "n1", "n2"], new[] { "a", "b", "c", "d" }.Select(i => assignments.Assign(i)));
        Assert.Equal("n1", assignments.Assign("a"));

        assignments.Upsert(new ClientNode("n2", "s2", Connected: false));
        Assert.Equal(["n1", "n1"], new[] { "e", "f" }.Select(i => assignments.Assign(i)));

        Assert.Equal(["b", "d"], assignments.Remove("n2"));
        Assert.Null(assignments.NodeOf("b"));
        Assert.Equal("n1", assignments.Assign("b"));
    }

    [Fact]
    public void A_node_within_its_grace_still_takes_interactions_when_no_node_is_connected()
    {
        var assignments = new Assignments();
        Assert.Null(assignments.Assign("a"));
        assignments.Upsert(new ClientNode("n1", "s1", Connected: false));
        Assert.Equal("n1", assignments.Assign("a"));
    }
}
