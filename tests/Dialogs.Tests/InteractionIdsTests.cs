using Akka.Actor;

namespace ClusterSip.Dialogs.Tests;

public class InteractionIdsTests
{
    private static readonly Address Self = new("akka.tcp", "cluster-sip", "10.0.0.1", 4053);

    [Fact]
    public void An_id_names_its_node_and_is_unique()
    {
        var node = new Address("akka.tcp", "cluster-sip", "node-2.example.com", 4054);
        var ids = Enumerable.Range(0, 1000).Select(_ => InteractionIds.New(node)).ToList();

        Assert.Equal(1000, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Equal(node, InteractionIds.NodeOf(id, Self)));
        Assert.All(ids, id => Assert.Matches("^[0-9a-z-]+$", id));
    }

    [Fact]
    public void Ids_made_in_turn_for_two_nodes_name_each_its_own()
    {
        var a = new Address("akka.tcp", "cluster-sip", "10.0.0.1", 4053);
        var b = new Address("akka.tcp", "cluster-sip", "10.0.0.2", 4053);

        Assert.Equal(a, InteractionIds.NodeOf(InteractionIds.New(a), Self));
        Assert.Equal(b, InteractionIds.NodeOf(InteractionIds.New(b), Self));
        Assert.Equal(a, InteractionIds.NodeOf(InteractionIds.New(a), Self));
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-separator-hex-zz")]
    [InlineData("abc")]
    [InlineData("-3132")]
    [InlineData("abc-313")]
    [InlineData("abc-3132372e302e302e31")]
    [InlineData("abc-3132372e302e302e313a30")]
    [InlineData("abc-3132372e302e302e313a3939393939")]
    [InlineData("abc-3132372E302E302E313A34303533")]
    public void An_id_this_cluster_did_not_make_names_no_node(string id) => Assert.Null(InteractionIds.NodeOf(id, Self));
}
