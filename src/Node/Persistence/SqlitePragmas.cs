using System.Data.Common;
using Akka.Actor.Setup;
using Akka.Persistence.Sql.Config;
using ClusterSip.Node.Settings;
using LinqToDB;

namespace ClusterSip.Node.Persistence;

/// <summary>
/// What every connection to the embedded SQLite database sets when it opens (the journal's, the snapshot store's,
/// the queries' and the CDR writer's; pragmas last only as long as their connection):
/// <list type="bullet">
/// <item>busy_timeout: a writer waits for the write lock inside SQLite (retries after 1, 2, 5, 10 ... 100 ms) instead of
/// in Microsoft.Data.Sqlite, whose retry loop sleeps 150 ms per attempt. With those sleeps a journal commit waited
/// hundreds of milliseconds behind a CDR batch or a snapshot long finished (CallstoreBench: the journal's writer asleep
/// 70% of the time, 8,000 events/s).</item>
/// <item>synchronous, from cluster-sip.persistence.sqlite-synchronous (docs/callstore.md, Durability).</item>
/// </list>
/// </summary>
public static class SqlitePragmas
{
    /// <summary>The Akka.Persistence.Sql setup whose connections (journal, snapshots, queries) set the pragmas; none for PostgreSQL.</summary>
    public static Setup? PersistenceSetup(PersistenceSettings persistence) =>
        PersistenceOptions(persistence) is { } options ? new DataOptionsSetup(options) : null;

    /// <summary>The linq2db options of those connections; null for PostgreSQL.</summary>
    public static DataOptions? PersistenceOptions(PersistenceSettings persistence)
    {
        if (persistence.Provider != PersistenceProvider.Sqlite) return null;
        var pragmas = Of(persistence);
        return new DataOptions()
            .UseConnectionString(persistence.ProviderName, persistence.ConnectionString)
            .UseAfterConnectionOpened(connection => Apply(connection, pragmas), (connection, token) => ApplyAsync(connection, pragmas, token));
    }

    /// <summary>The statement that sets the pragmas on an open connection.</summary>
    public static string Of(PersistenceSettings persistence) =>
        // As long as Microsoft.Data.Sqlite's default command timeout: past it a write fails as before.
        $"PRAGMA busy_timeout = 30000; PRAGMA synchronous = {(persistence.SqliteSynchronous == SqliteSynchronous.Normal ? "NORMAL" : "FULL")}";

    public static void Apply(DbConnection connection, string pragmas)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        command.ExecuteNonQuery();
    }

    private static async Task ApplyAsync(DbConnection connection, string pragmas, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
