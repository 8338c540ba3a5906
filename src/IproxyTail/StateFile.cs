using System.Text.Json;

namespace ClusterSip.IproxyTail;

/// <summary>The session and its last SequenceId, kept in a small JSON file between runs.</summary>
public sealed record TailState(string SessionId, string? SequenceId);

/// <summary>Reads and writes a <see cref="TailState"/>; a write replaces the file whole, so a crash leaves the old or the new one.</summary>
public sealed class StateFile(string path)
{
    public string Path => path;

    /// <summary>The state written last; null when there is no file yet.</summary>
    /// <exception cref="InvalidDataException">The file is not a state this tool wrote.</exception>
    public TailState? Read()
    {
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<TailState>(File.ReadAllText(path)) is { SessionId.Length: > 0 } state
                ? state
                : throw new InvalidDataException($"{path} names no SessionId");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a state file of iproxy-tail: {e.Message}", e);
        }
    }

    public void Write(TailState state)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(state));
        File.Move(temporary, path, overwrite: true);
    }
}
