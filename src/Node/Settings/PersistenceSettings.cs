using ClusterSip.Node.Configuration;

namespace ClusterSip.Node.Settings;

public enum PersistenceProvider { Sqlite, PostgreSql }

/// <summary>SQLite's synchronous pragma: when a commit waits for the disk (docs/callstore.md, Durability).</summary>
public enum SqliteSynchronous { Full, Normal }

/// <summary>cluster-sip.persistence: the journal and snapshot store (Akka.Persistence.Sql).</summary>
public sealed record PersistenceSettings(PersistenceProvider Provider, string ConnectionString, SqliteSynchronous SqliteSynchronous)
{
    private static readonly Dictionary<string, SqliteSynchronous> SynchronousModes = new()
    {
        ["full"] = SqliteSynchronous.Full,
        ["normal"] = SqliteSynchronous.Normal,
    };

    private static readonly Dictionary<string, PersistenceProvider> Providers = new()
    {
        ["sqlite"] = PersistenceProvider.Sqlite,
        ["postgresql"] = PersistenceProvider.PostgreSql,
    };

    /// <summary>The linq2db provider name Akka.Persistence.Sql expects.</summary>
    public string ProviderName => Provider == PersistenceProvider.Sqlite ? "SQLite.MS" : "PostgreSQL.15";

    public static PersistenceSettings Read(SettingsReader reader, string dataDir)
    {
        var provider = reader.Choice("cluster-sip.persistence.provider", Providers);
        var synchronous = reader.Choice("cluster-sip.persistence.sqlite-synchronous", SynchronousModes);
        if (provider == PersistenceProvider.PostgreSql)
            return new PersistenceSettings(provider, reader.NonEmptyString("cluster-sip.persistence.connection-string"), synchronous);

        var file = reader.NonEmptyString("cluster-sip.persistence.sqlite-file");
        return new PersistenceSettings(provider, $"Data Source={Path.Combine(dataDir, file)}", synchronous);
    }
}
