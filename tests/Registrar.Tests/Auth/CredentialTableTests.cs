using ClusterSip.Registrar.Auth;
using ClusterSip.Tests.Support;
using Microsoft.Data.Sqlite;

namespace ClusterSip.Registrar.Tests.Auth;

/// <summary>The credentials table read from a real SQLite file.</summary>
public sealed class CredentialTableTests : IDisposable
{
    private readonly TempDirectory _directory = new("credentials");
    private readonly string _connectionString;

    public CredentialTableTests()
    {
        _connectionString = $"Data Source={Path.Combine(_directory.Path, "node.db")};Pooling=false";
        Execute("CREATE TABLE subscriber (username TEXT, domain TEXT, password TEXT, ha1 TEXT)");
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Usable_rows_are_read_and_each_unusable_one_is_named_with_its_problem()
    {
        var md5 = DigestComputation.Ha1(DigestAlgorithm.Md5, "bob", "example.com", "builder");
        Execute($"""
            INSERT INTO subscriber VALUES ('alice', 'Example.COM', 'wonderland', NULL), ('bob', 'example.com', NULL, '{md5}'),
              ('carol', NULL, 'x', NULL), ('dave', 'example.com', 'x', '{md5}'), ('erin', 'example.com', NULL, 'abc'),
              ('frank', 'example.com', NULL, NULL)
            """);

        var (users, rejected) = await Table().ReadAsync(CancellationToken.None);

        Assert.Equal([new UserCredential("alice", "example.com", "wonderland", null), new UserCredential("bob", "example.com", null, md5)], users);
        Assert.Equal(
        [
            "carol@(no domain): username and domain are required",
            "dave@example.com: exactly one of password and ha1 is required",
            "erin@example.com: ha1 must be 32 (MD5) or 64 (SHA-256) hex digits",
            "frank@example.com: exactly one of password and ha1 is required",
        ], rejected);
    }

    [Fact]
    public async Task A_missing_table_fails_the_read_with_the_databases_error() =>
        await Assert.ThrowsAsync<SqliteException>(() => new CredentialTable(() => new SqliteConnection(_connectionString), "nothing_here").ReadAsync(CancellationToken.None));

    [Fact]
    public async Task The_store_prefers_configured_users_and_forgets_rows_gone_from_the_table()
    {
        var store = new CredentialStore([new UserCredential("alice", "example.com", "configured", null)]);
        Execute("INSERT INTO subscriber VALUES ('alice', 'example.com', 'from-table', NULL), ('bob', 'example.com', 'builder', NULL)");
        store.ReplaceTable((await Table().ReadAsync(CancellationToken.None)).Users);
        Assert.Equal(("configured", "builder", 2), (store.Find("alice", "EXAMPLE.com")!.Password, store.Find("bob", "example.com")!.Password, store.TableCount));

        Execute("DELETE FROM subscriber WHERE username = 'bob'");
        store.ReplaceTable((await Table().ReadAsync(CancellationToken.None)).Users);
        Assert.Null(store.Find("bob", "example.com"));
    }

    private CredentialTable Table() => new(() => new SqliteConnection(_connectionString), "subscriber");

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
