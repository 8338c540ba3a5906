using ClusterSip.Node.Settings;
using Microsoft.Data.Sqlite;

namespace ClusterSip.Node.Persistence;

/// <summary>
/// Puts the embedded SQLite database into write-ahead-log mode before anything opens it: a commit then appends to
/// the log with one sync instead of rewriting pages under a rollback journal, and readers (recoveries, CDR queries)
/// no longer block the journal's writer. The mode is stored in the file, so this only changes a new database.
/// </summary>
public static class SqliteWal
{
    public static void Enable(PersistenceSettings persistence)
    {
        if (persistence.Provider != PersistenceProvider.Sqlite) return;
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(persistence.ConnectionString) { Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL";
        var mode = command.ExecuteScalar() as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"the SQLite database ({persistence.ConnectionString}) refused write-ahead logging: journal_mode is {mode}");
    }
}
