using System.Text.Json;

namespace ClusterSip.InteractionProxy.Client;

/// <summary>One line the server sent: a JSON object naming its "message", as received.</summary>
/// <param name="Text">The line as it came, without its "\n".</param>
/// <param name="SequenceId">The session's number of the event; null on EventACK and EventError.</param>
public sealed record ServerLine(string Text, JsonElement Json, string Message, long? SequenceId)
{
    public const string EventAck = "EventACK";
    public const string EventError = "EventError";
    public const string EventPrivateInfo = "EventPrivateInfo";

    /// <summary>Reads a line; false, with the reason, when it is not what the protocol says a server sends.</summary>
    public static bool TryParse(string text, out ServerLine? line, out string? reason)
    {
        line = null;
        JsonElement json;
        try
        {
            using var document = JsonDocument.Parse(text);
            json = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            reason = $"not JSON: {e.Message}";
            return false;
        }

        reason = Check(json, out var message, out var sequence);
        if (reason is not null) return false;
        line = new ServerLine(text, json, message!, sequence);
        return true;
    }

    public bool IsSnapshot => Json.TryGetProperty("Snapshot", out var snapshot) && snapshot.ValueKind == JsonValueKind.True;

    /// <summary>The interaction (ConnID) an event is about; null on other lines.</summary>
    public string? ConnId => Json.TryGetProperty("ConnID", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    private static string? Check(JsonElement json, out string? message, out long? sequence)
    {
        message = null;
        sequence = null;
        if (json.ValueKind != JsonValueKind.Object) return "not a JSON object";
        if (!json.TryGetProperty("message", out var name) || name.ValueKind != JsonValueKind.String) return "no \"message\" string";
        message = name.GetString()!;
        if (json.TryGetProperty("SequenceId", out var id))
        {
            if (id.ValueKind != JsonValueKind.String || !SequenceIds.TryParse(id.GetString()!, out var parsed))
                return "\"SequenceId\" is not a 16-digit string";
            sequence = parsed;
        }
        else if (message is not (EventAck or EventError))
        {
            return $"{message} without a \"SequenceId\"";
        }
        return null;
    }
}
