using Akka.Actor;
using ClusterSip.CallEvents;
using Microsoft.Data.Sqlite;

namespace ClusterSip.Callstore.Tests.Support;

/// <summary>
/// Reads a group's journal rows straight from the SQLite file (Akka.Persistence.Sql's journal table), decoding each
/// event with the system's serializers: what is on disk, whichever member wrote it.
/// </summary>
public static class Journal
{
    public static async Task<IReadOnlyList<(long SequenceNr, CallEvent Event)>> ReadAsync(ActorSystem system, string databasePath, string persistenceId)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence_number, message, identifier, manifest FROM journal WHERE persistence_id = @id ORDER BY sequence_number";
        command.Parameters.AddWithValue("@id", persistenceId);
        var events = new List<(long, CallEvent)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var message = (byte[])reader.GetValue(1);
            var e = (CallEvent)system.Serialization.Deserialize(message, reader.GetInt32(2), reader.GetString(3));
            events.Add((reader.GetInt64(0), e));
        }
        return events;
    }
}
