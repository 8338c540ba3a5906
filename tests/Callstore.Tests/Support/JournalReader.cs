using Akka.Actor;
using ClusterSip.Callstore.Store;
using ClusterSip.CallEvents;
using Microsoft.Data.Sqlite;

namespace ClusterSip.Callstore.Tests.Support;

/// <summary>
/// Reads a group's journal rows straight from the SQLite file (Akka.Persistence.Sql's journal table), decoding each
/// batch with the system's serializers: what is on disk, whichever member wrote it. Each event comes with its offset;
/// the rows' sequence numbers must follow each other, and each batch must start where the one before ended.
/// </summary>
public static class Journal
{
    public static async Task<IReadOnlyList<(long Offset, CallEvent Event)>> ReadAsync(ActorSystem system, string databasePath, string persistenceId)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence_number, message, identifier, manifest FROM journal WHERE persistence_id = @id ORDER BY sequence_number";
        command.Parameters.AddWithValue("@id", persistenceId);
        var events = new List<(long, CallEvent)>();
        long? lastRow = null;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = reader.GetInt64(0);
            Assert.True(lastRow is null || row == lastRow + 1, $"journal row {row} follows row {lastRow}");
            lastRow = row;
            var batch = (EventBatch)system.Serialization.Deserialize((byte[])reader.GetValue(1), reader.GetInt32(2), reader.GetString(3));
            Assert.True(events.Count == 0 || batch.FirstOffset == events[^1].Item1 + 1, $"batch at offset {batch.FirstOffset} follows offset {(events.Count == 0 ? 0 : events[^1].Item1)}");
            events.AddRange(batch.Events.Select((e, i) => (batch.FirstOffset + i, e)));
        }
        return events;
    }
}
