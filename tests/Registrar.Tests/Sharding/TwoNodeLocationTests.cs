namespace ClusterSip.Registrar.Tests.Sharding;

public sealed class TwoNodeLocationTests
{
    [Fact]
    public async Task A_binding_registered_on_one_node_is_found_on_the_other_and_survives_the_loss_of_its_host()
    {
        await using var cluster = new ClusterNodes();
        var a = await cluster.Start();
        var b = await cluster.Start();

        var outcome = await a.Location.Register(Commands.Register("sip:alice@example.com", "sip:alice@192.0.2.10", 600, node: a.Address));
        Assert.True(outcome.Accepted);
        var fromB = await b.Location.Lookup("sip:alice@example.com");
        Assert.Equal(a.Address, Assert.Single(fromB.Bindings).Node);

        var host = await cluster.HostOf("sip:alice@example.com");
        Assert.NotNull(host);
        var survivor = host == a ? b : a;
        await cluster.Stop(host);

        var after = await survivor.Location.Lookup("sip:alice@example.com");
        Assert.Equal("sip:alice@192.0.2.10", Assert.Single(after.Bindings).Uri);
        Assert.Equal(1, survivor.Statistics.Contacts);
    }
}
