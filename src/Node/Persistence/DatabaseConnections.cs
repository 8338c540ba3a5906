using System.Data;
using System.Data.Common;
using ClusterSip.Node.Settings;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ClusterSip.Node.Persistence;

/// <summary>Connections to the node's database (cluster-sip.persistence) for the tables outside the journal: CDRs, credentials.</summary>
public static class DatabaseConnections
{
    public static Func<DbConnection> For(PersistenceSettings persistence)
    {
        if (persistence.Provider == PersistenceProvider.PostgreSql)
        {
            var dataSource = NpgsqlDataSource.Create(persistence.ConnectionString);
            return dataSource.CreateConnection;
        }
        // Unpooled: a pooled SQLite connection keeps the schema it saw when it was opened, and would not see the
        // tables another connection created meanwhile ("no such table").
        var connectionString = new SqliteConnectionStringBuilder(persistence.ConnectionString) { Pooling = false }.ToString();
        var pragmas = SqlitePragmas.Of(persistence);
        return () =>
        {
            var connection = new SqliteConnection(connectionString);
            connection.StateChange += (_, change) =>
            {
                if (change.CurrentState == ConnectionState.Open) SqlitePragmas.Apply(connection, pragmas);
            };
            return connection;
        };
    }
}
