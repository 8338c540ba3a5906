using ClusterSip.Registrar.Location;
using ClusterSip.Tests.Support;

namespace ClusterSip.Registrar.Tests.Sharding;

public sealed class LocationServiceTests : IAsyncLifetime
{
    private readonly ClusterNodes _cluster = new();
    private ClusterNodes.Node _node = null!;

    public async Task InitializeAsync() => _node = await _cluster.Start();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_registered_binding_is_found_and_counted()
    {
        var outcome = await _node.Location.Register(Commands.Register("sip:alice@example.com", "sip:alice@192.0.2.10", 600));
        Assert.True(outcome.Accepted);

        var found = await _node.Location.Lookup("sip:alice@example.com");
        Assert.Equal("sip:alice@192.0.2.10", Assert.Single(found.Bindings).Uri);
        Assert.Equal(["sip:alice@example.com"], await _node.Location.Records());
        Assert.Equal((1, 1), (_node.Statistics.Users, _node.Statistics.Contacts));
    }

    [Fact]
    public async Task An_unknown_record_has_no_bindings() =>
        Assert.Empty((await _node.Location.Lookup("sip:nobody@example.com")).Bindings);

    [Fact]
    public async Task A_binding_expires_on_the_records_own_timer()
    {
        await _node.Location.Register(Commands.Register("sip:bob@example.com", "sip:bob@192.0.2.11", 1));
        await Eventually.Value(() => Task.FromResult(_node.Statistics.Expired), e => e == 1, "the binding expiring", TimeSpan.FromSeconds(20));

        Assert.Equal((0, 0), (_node.Statistics.Users, _node.Statistics.Contacts));
        Assert.Empty((await _node.Location.Lookup("sip:bob@example.com")).Bindings);
    }

    [Fact]
    public async Task Remove_deletes_every_binding()
    {
        await _node.Location.Register(Commands.Register("sip:carol@example.com", "sip:carol@192.0.2.12", 600));
        var removed = await _node.Location.Remove("sip:carol@example.com");
        Assert.Equal(1, removed.Count);
        Assert.Empty((await _node.Location.Lookup("sip:carol@example.com")).Bindings);
        Assert.Equal(0, (await _node.Location.Remove("sip:carol@example.com")).Count);
    }

    [Fact]
    public async Task A_rejected_register_changes_nothing()
    {
        await _node.Location.Register(Commands.Register("sip:dave@example.com", "sip:dave@192.0.2.13", 600, cseq: 5));
        var outcome = await _node.Location.Register(Commands.Register("sip:dave@example.com", "sip:dave@192.0.2.13", 0, cseq: 4));
        Assert.Equal(400, outcome.Status);
        Assert.Equal(5u, Assert.Single((await _node.Location.Lookup("sip:dave@example.com")).Bindings).CSeq);
    }

    [Fact]
    public async Task Bindings_survive_a_restart_of_the_node_from_the_journal()
    {
        await _node.Location.Register(Commands.Register("sip:erin@example.com", "sip:erin@192.0.2.15", 600));
        await _cluster.Stop(_node);

        var restarted = await _cluster.Start();
        var found = await restarted.Location.Lookup("sip:erin@example.com");
        Assert.Equal("sip:erin@192.0.2.15", Assert.Single(found.Bindings).Uri);
    }
}
