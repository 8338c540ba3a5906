using System.Data.Common;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Persistence.Sql.Config;
using ClusterSip.Node.Configuration;
using ClusterSip.Node.Logging;
using ClusterSip.Node.Persistence;
using ClusterSip.Node.Tests.Support;
using ClusterSip.Tests.Support;
using LinqToDB.Data;
using Xunit;

namespace ClusterSip.Node.Tests;

/// <summary>A PostgreSQL server started for these tests through scripts/pg.sh, as CI and scripts/cluster.sh start it.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("pg");
    private readonly int _port = FreePorts.Next();

    private string DataDirectory => Path.Combine(_directory.Path, "db");

    public string ConnectionString => $"Host=127.0.0.1;Port={_port};Database=postgres;Username=postgres";

    public async Task InitializeAsync() => await PgScript("start", DataDirectory, _port.ToString());

    /// <summary>Creates an empty database on the server; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"empty_{Guid.NewGuid():N}";
        await using (var connection = new Npgsql.NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        await PgScript("stop", DataDirectory);
        _directory.Dispose();
    }

    private static async Task PgScript(params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Repository.Path("scripts", "pg.sh"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"scripts/pg.sh {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await error}");
    }
}

[Collection(NodesCollection.Name)]
public sealed class PersistenceTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IDisposable
{
    private static readonly TimeSpan FirstWriteBound = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _data = new("data");

    [Fact]
    public async Task Events_persisted_to_the_sqlite_file_under_data_dir_are_recovered_after_a_restart()
    {
        var configuration = TestConfiguration.Load($"cluster-sip.data-dir={_data.Path}");

        await AssertRoundTripAsync(configuration);
        Assert.True(File.Exists(Path.Combine(_data.Path, "cluster.db")));
    }

    [Fact]
    public async Task A_node_puts_its_sqlite_file_into_write_ahead_log_mode()
    {
        await using var node = await InProcessNode.StartAsync();

        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(node.DataDirectory, "cluster.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Events_persisted_to_postgresql_are_recovered_after_a_restart()
    {
        var configuration = TestConfiguration.Load(
            [Repository.ShippedHocon("cluster.conf")],
            new Dictionary<string, string>(),
            $"cluster-sip.data-dir={_data.Path}",
            $"cluster-sip.persistence.connection-string={postgres.ConnectionString}");

        Assert.Equal("PostgreSQL.15", configuration.Settings.Persistence.ProviderName);
        await AssertRoundTripAsync(configuration);
    }

    [Theory]
    [InlineData("full", 2L)]
    [InlineData("normal", 1L)]
    public async Task Every_sqlite_connection_waits_for_the_write_lock_inside_sqlite_and_syncs_as_configured(string synchronous, long level)
    {
        var persistence = TestConfiguration.Load($"cluster-sip.data-dir={_data.Path}", $"cluster-sip.persistence.sqlite-synchronous={synchronous}").Settings.Persistence;
        Assert.IsType<DataOptionsSetup>(SqlitePragmas.PersistenceSetup(persistence));

        await using (var cdrs = DatabaseConnections.For(persistence)())
        {
            await cdrs.OpenAsync();
            Assert.Equal((30_000L, level), await PragmasOf(cdrs));
        }
        await using var plugin = new DataConnection(SqlitePragmas.PersistenceOptions(persistence)!);
        Assert.Equal((30_000L, level), await PragmasOf(plugin.OpenDbConnection()));
    }

    [Fact]
    public void PostgreSQL_connections_are_left_as_Npgsql_makes_them()
    {
        var persistence = TestConfiguration.Load("cluster-sip.persistence.provider=postgresql", "cluster-sip.persistence.connection-string=Host=db").Settings.Persistence;

        Assert.Null(SqlitePragmas.PersistenceSetup(persistence));
        Assert.Null(SqlitePragmas.PersistenceOptions(persistence));
    }

    public void Dispose() => _data.Dispose();

    private static async Task<(long BusyTimeout, long Synchronous)> PragmasOf(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout";
        var busyTimeout = (long)(await command.ExecuteScalarAsync())!;
        command.CommandText = "PRAGMA synchronous";
        return (busyTimeout, (long)(await command.ExecuteScalarAsync())!);
    }

    /// <summary>Writes two notes in one ActorSystem, stops it, and reads them back in a fresh one.</summary>
    private static async Task AssertRoundTripAsync(NodeConfiguration configuration)
    {
        var persistenceId = $"notebook-{Guid.NewGuid():N}";

        await using (var sink = new LogSink(TextWriter.Null))
        {
            var system = ActorSystem.Create("persistence", Setup(configuration, sink));
            var notebook = system.ActorOf(Props.Create(() => new Notebook(persistenceId)));
            await notebook.Ask<Notebook.Written>(new Notebook.Write("first"), FirstWriteBound);
            await notebook.Ask<Notebook.Written>(new Notebook.Write("second"), FirstWriteBound);
            await system.Terminate();
        }

        await using (var sink = new LogSink(TextWriter.Null))
        {
            var restarted = ActorSystem.Create("persistence", Setup(configuration, sink));
            var recovered = restarted.ActorOf(Props.Create(() => new Notebook(persistenceId)));
            Assert.Equal(["first", "second"], await recovered.Ask<string[]>(new Notebook.Read(), FirstWriteBound));
            await restarted.Terminate();
        }
    }

    /// <summary>The node's Akka configuration, without clustering: only the journal is under test.</summary>
    private static ActorSystemSetup Setup(NodeConfiguration configuration, LogSink sink)
    {
        var setup = BootstrapSetup.Create()
            .WithConfig(ConfigurationFactory.ParseString("akka.actor.provider = local").WithFallback(AkkaConfig.Build(configuration)))
            .And(new LogSinkSetup(sink));
        return SqlitePragmas.PersistenceSetup(configuration.Settings.Persistence) is { } pragmas ? setup.And(pragmas) : setup;
    }
}
