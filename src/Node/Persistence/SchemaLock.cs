using ClusterSip.Node.Settings;
using Npgsql;

namespace ClusterSip.Node.Persistence;

/// <summary>
/// A PostgreSQL session-level advisory lock that every node takes while it creates tables (the journal's and snapshot
/// store's, <see cref="PersistenceSchema"/>; the CDR tables, when the callstore starts): PostgreSQL's CREATE TABLE IF
/// NOT EXISTS is not safe against a concurrent one,
/// and Akka.Persistence.Sql has no lock of its own. The lock belongs to a connection of its own, unpooled, so that
/// closing it, or the death of the process, ends the session and releases the lock. Nothing to lock on SQLite: one
/// node's file, whose writers SQLite serialises.
/// </summary>
public static class SchemaLock
{
    /// <summary>The advisory lock's key: "csip" and "schm" in ASCII, chosen to collide with nothing else here.</summary>
    private const long Key = 0x63736970_7363686D;

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>Waits until this node holds the lock (until the database answers); disposing releases it.</summary>
    public static async Task<IAsyncDisposable> AcquireAsync(PersistenceSettings persistence, ILogger log, CancellationToken cancellationToken)
    {
        if (persistence.Provider != PersistenceProvider.PostgreSql) return NoLock.Instance;
        var connectionString = new NpgsqlConnectionStringBuilder(persistence.ConnectionString) { Pooling = false }.ConnectionString;
        while (true)
        {
            var connection = new NpgsqlConnection(connectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
                command.Parameters.AddWithValue("key", Key);
                await command.ExecuteNonQueryAsync(cancellationToken);
                return connection;
            }
            catch (NpgsqlException e)
            {
                await connection.DisposeAsync();
                log.LogWarning(e, "cannot reach the database (cluster-sip.persistence.connection-string) to create the journal's tables; retrying in {Delay}", RetryDelay);
                await Task.Delay(RetryDelay, cancellationToken);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
