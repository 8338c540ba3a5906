using System.Data.Common;
using System.Globalization;

namespace ClusterSip.Callstore.Cdr;

/// <summary>
/// The CDR tables in the node's database (SQLite or PostgreSQL, through the connection the node supplies):
/// callstore_cdrs holds every CDR, cdr_copm3_dialogs (the seed's collection cdr/COPM3_dialogs) those of groups
/// with sorm3_enabled. Both are keyed by the call id and written with INSERT ... ON CONFLICT DO NOTHING, so writing
/// a CDR again (after a crash between the write and the store noting it) changes nothing: one row per call.
/// </summary>
public sealed class CdrStore(Func<DbConnection> connect)
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS callstore_cdrs (
          call_id TEXT PRIMARY KEY, call_group INTEGER NOT NULL, domain TEXT NOT NULL, end_time TEXT NOT NULL, cdr TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS callstore_cdrs_end_time ON callstore_cdrs (end_time);
        CREATE TABLE IF NOT EXISTS cdr_copm3_dialogs (
          call_id TEXT PRIMARY KEY, sip_call_id TEXT NOT NULL, domain TEXT NOT NULL, from_uri TEXT NOT NULL, to_uri TEXT NOT NULL,
          start_time TEXT NOT NULL, answer_time TEXT NULL, end_time TEXT NOT NULL,
          ring_seconds DOUBLE PRECISION NOT NULL, talk_seconds DOUBLE PRECISION NOT NULL,
          final_status INTEGER NOT NULL, cause TEXT NOT NULL, hung_up_by TEXT NOT NULL, nodes TEXT NOT NULL, cdr TEXT NOT NULL);
        """;

    private volatile bool _schemaCreated;

    /// <summary>
    /// Writes the CDRs (and their cdr_copm3_dialogs rows when <paramref name="sorm3"/>) in one transaction; returns the
    /// call ids whose CDR was not there before.
    /// </summary>
    public async Task<IReadOnlySet<string>> WriteAsync(IReadOnlyList<CallDetailRecord> cdrs, bool sorm3)
    {
        await EnsureSchemaAsync();
        // Encoded before the transaction: on SQLite the journal waits for the write lock while it is held.
        var jsons = cdrs.Select(CdrJson.Encode).ToList();
        await using var connection = connect();
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var cdrInsert = Command(connection, transaction,
            "INSERT INTO callstore_cdrs (call_id, call_group, domain, end_time, cdr) VALUES (@call_id, @call_group, @domain, @end_time, @cdr) ON CONFLICT (call_id) DO NOTHING");
        await using var copm3Insert = Command(connection, transaction,
            """
            INSERT INTO cdr_copm3_dialogs (call_id, sip_call_id, domain, from_uri, to_uri, start_time, answer_time, end_time,
              ring_seconds, talk_seconds, final_status, cause, hung_up_by, nodes, cdr)
            VALUES (@call_id, @sip_call_id, @domain, @from_uri, @to_uri, @start_time, @answer_time, @end_time,
              @ring_seconds, @talk_seconds, @final_status, @cause, @hung_up_by, @nodes, @cdr)
            ON CONFLICT (call_id) DO NOTHING
            """);
        var inserted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (cdr, json) in cdrs.Zip(jsons))
        {
            if (await ExecuteAsync(cdrInsert,
                    ("call_id", cdr.CallId), ("call_group", cdr.Group), ("domain", cdr.Domain), ("end_time", Time(cdr.EndTime)), ("cdr", json)))
                inserted.Add(cdr.CallId);
            if (!sorm3) continue;
            await ExecuteAsync(copm3Insert,
                ("call_id", cdr.CallId), ("sip_call_id", cdr.SipCallId), ("domain", cdr.Domain), ("from_uri", cdr.From.Uri),
                ("to_uri", cdr.To.Uri), ("start_time", Time(cdr.StartTime)), ("answer_time", cdr.AnswerTime is { } a ? Time(a) : null),
                ("end_time", Time(cdr.EndTime)), ("ring_seconds", cdr.RingSeconds), ("talk_seconds", cdr.TalkSeconds),
                ("final_status", cdr.FinalStatus), ("cause", cdr.Cause), ("hung_up_by", cdr.HungUpBy.ToString()),
                ("nodes", string.Join(",", cdr.Nodes)), ("cdr", json));
        }
        await transaction.CommitAsync();
        return inserted;
    }

    public async Task<IReadOnlyList<CallDetailRecord>> FindAsync(CdrQuery query)
    {
        await EnsureSchemaAsync();
        await using var connection = connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        var where = new List<string>();
        if (query.Domain is { } domain) where.Add(Filter(command, "domain = @domain", "domain", domain));
        if (query.From is { } from) where.Add(Filter(command, "end_time >= @from", "from", Time(from)));
        if (query.To is { } to) where.Add(Filter(command, "end_time < @to", "to", Time(to)));
        command.CommandText = $"SELECT cdr FROM callstore_cdrs {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")} " +
                              "ORDER BY end_time DESC, call_id DESC LIMIT @limit OFFSET @offset";
        AddParameter(command, "limit", query.Limit);
        AddParameter(command, "offset", query.Offset);
        var result = new List<CallDetailRecord>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) result.Add(CdrJson.Decode(reader.GetString(0)));
        return result;
    }

    /// <summary>How many cdr_copm3_dialogs rows hold this call (0 or 1: the table's key).</summary>
    public async Task<long> CountCopm3Async(string callId)
    {
        await EnsureSchemaAsync();
        await using var connection = connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM cdr_copm3_dialogs WHERE call_id = @call_id";
        AddParameter(command, "call_id", callId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static async Task<bool> ExecuteAsync(DbCommand command, params (string Name, object? Value)[] parameters)
    {
        command.Parameters.Clear();
        foreach (var (name, value) in parameters) AddParameter(command, name, value);
        return await command.ExecuteNonQueryAsync() == 1;
    }

    /// <summary>Creates the tables on first use; a failure is retried on the next call (the statements are idempotent).</summary>
    private async Task EnsureSchemaAsync()
    {
        if (_schemaCreated) return;
        await using var connection = connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = Schema;
        await command.ExecuteNonQueryAsync();
        _schemaCreated = true;
    }

    private static string Filter(DbCommand command, string condition, string name, object value)
    {
        AddParameter(command, name, value);
        return condition;
    }

    private static void AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);
}
