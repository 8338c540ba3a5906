using ClusterSip.Tests.Support;

namespace ClusterSip.Registrar.Tests.Sharding;

/// <summary>cluster-sip.registrar.storage = "memory": the same location service with nothing written.</summary>
public sealed class MemoryLocationTests
{
    [Fact]
    public async Task Records_are_kept_expired_and_removed_in_memory_and_lost_with_the_node()
    {
        await using var cluster = new ClusterNodes(journaled: false);
        var node = await cluster.Start();

        Assert.True((await node.Location.Register(Commands.Register("sip:alice@example.com", "sip:alice@192.0.2.10", 600))).Accepted);
        Assert.True((await node.Location.Register(Commands.Register("sip:bob@example.com", "sip:bob@192.0.2.11", 1))).Accepted);
        Assert.True((await node.Location.Register(Commands.Register("sip:carol@example.com", "sip:carol@192.0.2.12", 600))).Accepted);
        Assert.Equal(1, (await node.Location.Remove("sip:carol@example.com")).Count);
        Assert.Equal("sip:alice@192.0.2.10", Assert.Single((await node.Location.Lookup("sip:alice@example.com")).Bindings).Uri);
        await Eventually.Value(() => Task.FromResult(node.Statistics.Expired), e => e == 1, "bob's binding expiring", TimeSpan.FromSeconds(20));
        Assert.Equal(["sip:alice@example.com"], await node.Location.Records());
        Assert.Equal((1, 1), (node.Statistics.Users, node.Statistics.Contacts));
        Assert.False(await JournalHasLocationRows(cluster.Journal));

        await cluster.Stop(node);
        var restarted = await cluster.Start();
        Assert.Empty((await restarted.Location.Lookup("sip:alice@example.com")).Bindings);
    }

    private static async Task<bool> JournalHasLocationRows(string path)
    {
        if (!File.Exists(path)) return false;
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'journal'";
        if (Convert.ToInt32(await command.ExecuteScalarAsync()) == 0) return false;
        command.CommandText = "SELECT count(*) FROM journal WHERE persistence_id LIKE 'location|%'";
        return Convert.ToInt32(await command.ExecuteScalarAsync()) > 0;
    }
}
