using System.Data.Common;
using Akka.Actor.Setup;
using Akka.Persistence.Sql.Config;
using ClusterSip.Node.Settings;
using LinqToDB;

namespace ClusterSip.Node.Persistence;

/// <summary>
/// Makes every connection to the embedded SQLite database wait for the write lock inside SQLite (PRAGMA busy_timeout:
/// SQLite retries after 1, 2, 5, 10 ... 100 ms) instead of in Microsoft.Data.Sqlite, whose retry loop sleeps 150 ms per
/// attempt. The journal, the snapshot store and the CDR writer are separate connections that take turns at the lock;
/// with the 150 ms sleeps a journal commit waited hundreds of milliseconds behind a CDR batch or a snapshot that had
/// long finished (CallstoreBench: 70% of the journal writer's time asleep, 8,000 events/s).
/// </summary>
public static class SqliteLockWait
{
    /// <summary>As long as Microsoft.Data.Sqlite's default command timeout: past it a write fails as before.</summary>
    private const string Pragma = "PRAGMA busy_timeout = 30000";

    /// <summary>The Akka.Persistence.Sql setup whose connections (journal, snapshots, queries) wait this way; none for PostgreSQL.</summary>
    public static Setup? PersistenceSetup(PersistenceSettings persistence) =>
        persistence.Provider == PersistenceProvider.Sqlite
            ? new DataOptionsSetup(new DataOptions()
                .UseConnectionString(persistence.ProviderName, persistence.ConnectionString)
                .UseAfterConnectionOpened(Apply, ApplyAsync))
            : null;

    /// <summary>Sets the wait on an open SQLite connection.</summary>
    public static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    private static async Task ApplyAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
