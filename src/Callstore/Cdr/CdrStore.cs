using System.Data.Common;
using System.Globalization;
using System.Text;

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

    private const int RowsPerStatement = 32;

    private static readonly string[] CdrColumns = ["call_id", "call_group", "domain", "end_time", "cdr"];

    private static readonly string[] Copm3Columns =
    [
        "call_id", "sip_call_id", "domain", "from_uri", "to_uri", "start_time", "answer_time", "end_time",
        "ring_seconds", "talk_seconds", "final_status", "cause", "hung_up_by", "nodes", "cdr",
    ];

    private volatile bool _schemaCreated;

    /// <summary>
    /// Writes the CDRs (and their cdr_copm3_dialogs rows when <paramref name="sorm3"/>) in one transaction; returns the
    /// call ids whose CDR was not there before.
    /// </summary>
    public async Task<IReadOnlySet<string>> WriteAsync(IReadOnlyList<CallDetailRecord> cdrs, bool sorm3)
    {
        await EnsureSchemaAsync();
        // Encoded before the transaction: on SQLite the journal waits for the write lock while it is held.
        var rows = cdrs.Select(cdr => (Cdr: cdr, Json: CdrJson.Encode(cdr))).ToList();
        await using var connection = connect();
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var inserted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in rows.Chunk(RowsPerStatement))
        {
            await using (var cdrInsert = Insert(connection, transaction, "callstore_cdrs", CdrColumns, chunk.Select(r => CdrValues(r.Cdr, r.Json)), returningCallIds: true))
            {
                await using var reader = await cdrInsert.ExecuteReaderAsync();
                while (await reader.ReadAsync()) inserted.Add(reader.GetString(0));
            }
            if (!sorm3) continue;
            await using var copm3Insert = Insert(connection, transaction, "cdr_copm3_dialogs", Copm3Columns, chunk.Select(r => Copm3Values(r.Cdr, r.Json)), returningCallIds: false);
            await copm3Insert.ExecuteNonQueryAsync();
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

    /// <summary>
    /// One INSERT of several rows, ON CONFLICT (call_id) DO NOTHING: a round trip per statement, not per CDR (PostgreSQL
    /// fell behind at 3,000 calls/s with one per CDR), in statements small enough that binding their named parameters
    /// stays cheap (SQLite looks each name up among the statement's parameters). With <paramref name="returningCallIds"/>
    /// it returns the call ids it inserted (not those already there).
    /// </summary>
    private static DbCommand Insert(
        DbConnection connection, DbTransaction transaction, string table, string[] columns, IEnumerable<object?[]> rows, bool returningCallIds)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder($"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ");
        var row = 0;
        foreach (var values in rows)
        {
            sql.Append(row == 0 ? "(" : ", (");
            for (var i = 0; i < columns.Length; i++)
            {
                var name = $"r{row}_{i}";
                sql.Append(i == 0 ? "@" : ", @").Append(name);
                AddParameter(command, name, values[i]);
            }
            sql.Append(')');
            row++;
        }
        command.CommandText = sql.Append(" ON CONFLICT (call_id) DO NOTHING").Append(returningCallIds ? " RETURNING call_id" : "").ToString();
        return command;
    }

    private static object?[] CdrValues(CallDetailRecord cdr, string json) => [cdr.CallId, cdr.Group, cdr.Domain, Time(cdr.EndTime), json];

    private static object?[] Copm3Values(CallDetailRecord cdr, string json) =>
    [
        cdr.CallId, cdr.SipCallId, cdr.Domain, cdr.From.Uri, cdr.To.Uri, Time(cdr.StartTime), cdr.AnswerTime is { } a ? Time(a) : null,
        Time(cdr.EndTime), cdr.RingSeconds, cdr.TalkSeconds, cdr.FinalStatus, cdr.Cause, cdr.HungUpBy.ToString(), string.Join(",", cdr.Nodes), json,
    ];

    /// <summary>
    /// Creates the tables unless this store already has: the node calls it at start (docs/callstore.md, CDRs), the
    /// other methods on first use; a failure is retried on the next call (the statements are idempotent).
    /// </summary>
    public async Task EnsureSchemaAsync()
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
