using ClusterSip.Registrar.Sharding;
using ClusterSip.Tests.Support;

namespace ClusterSip.Registrar.Tests.Sharding;

/// <summary>Records that share a partition, recovered from its snapshot and the changes journaled after it.</summary>
public sealed class PartitionRecoveryTests : IAsyncLifetime
{
    private readonly ClusterNodes _cluster = new();
    private ClusterNodes.Node _node = null!;

    public async Task InitializeAsync() => _node = await _cluster.Start();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_restart_brings_back_the_live_records_of_a_partition_and_not_the_removed_or_expired_ones()
    {
        var (kept, removed, expiring) = ThreeInOnePartition();
        for (var cseq = 1u; cseq <= 12; cseq++)
        {
            Assert.True((await _node.Location.Register(Commands.Register(kept, "sip:kept@192.0.2.20", 600, cseq))).Accepted);
        }

        await _node.Location.Register(Commands.Register(removed, "sip:removed@192.0.2.21", 600));
        await _node.Location.Register(Commands.Register(expiring, "sip:expiring@192.0.2.22", 1));
        Assert.Equal(1, (await _node.Location.Remove(removed)).Count);
        Assert.Equal((2, 2), (_node.Statistics.Users, _node.Statistics.Contacts));
        await _cluster.Stop(_node);
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        var restarted = await _cluster.Start();
        var found = await restarted.Location.Lookup(kept);
        Assert.Equal(12u, Assert.Single(found.Bindings).CSeq);
        Assert.Empty((await restarted.Location.Lookup(removed)).Bindings);
        Assert.Empty((await restarted.Location.Lookup(expiring)).Bindings);
        Assert.Equal([kept], await restarted.Location.Records());
        Assert.Equal((1, 1, 1), (restarted.Statistics.Users, restarted.Statistics.Contacts, restarted.Statistics.Expired));
    }

    [Fact]
    public async Task Records_of_one_partition_change_independently()
    {
        var (first, second, _) = ThreeInOnePartition();
        await Task.WhenAll(Enumerable.Range(1, 20).Select(i => _node.Location.Register(
            Commands.Register(i % 2 == 0 ? first : second, $"sip:u{i}@192.0.2.30", 600))));

        Assert.Equal(10, (await _node.Location.Lookup(first)).Bindings.Length);
        Assert.Equal(10, (await _node.Location.Lookup(second)).Bindings.Length);
        Assert.Equal((2, 20), (_node.Statistics.Users, _node.Statistics.Contacts));
    }

    private static (string, string, string) ThreeInOnePartition()
    {
        var users = Enumerable.Range(0, 10_000).Select(i => $"sip:user{i}@example.com")
            .GroupBy(LocationService.PartitionOf).First(g => g.Count() >= 3).Take(3).ToArray();
        return (users[0], users[1], users[2]);
    }
}
