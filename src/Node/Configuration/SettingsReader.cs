using System.Globalization;
using System.Net;
using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace ClusterSip.Node.Configuration;

/// <summary>
/// Reads typed values from the merged configuration. Every failure names the key, the offending
/// value and the layer that set it, so settings records never parse raw strings themselves.
/// </summary>
public sealed class SettingsReader(Config config, IReadOnlyDictionary<string, string> origins)
{
    public Config Config { get; } = config;

    public string String(string path) => Scalar(path).GetString() ?? "";

    public string NonEmptyString(string path)
    {
        var value = String(path);
        return value.Length > 0 ? value : throw Invalid(path, "must not be empty");
    }

    public int Int(string path, int min, int max)
    {
        var text = String(path);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw Invalid(path, $"must be a whole number from {min} to {max}");
    }

    public int Port(string path) => Int(path, 1, 65535);

    /// <summary>A switch as the tm module writes them: 1/0, on/off, true/false or yes/no.</summary>
    public bool Flag(string path) => String(path).Trim().ToLowerInvariant() switch
    {
        "1" or "on" or "true" or "yes" => true,
        "0" or "off" or "false" or "no" => false,
        _ => throw Invalid(path, "must be a switch: 1/0, on/off, true/false or yes/no"),
    };

    public TimeSpan Duration(string path) => Duration(path, zeroAllowed: false);

    /// <param name="zeroAllowed">0s is a value (it turns something off) rather than a mistake.</param>
    public TimeSpan Duration(string path, bool zeroAllowed)
    {
        var value = Scalar(path);
        try
        {
            var duration = value.GetTimeSpan();
            if (duration > TimeSpan.Zero || (zeroAllowed && duration == TimeSpan.Zero)) return duration;
            throw Invalid(path, zeroAllowed ? "must be a duration such as 20ms, or 0s" : "must be a positive duration such as 500ms or 5s");
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw Invalid(path, "must be a duration such as 500ms or 5s");
        }
    }

    public T Choice<T>(string path, IReadOnlyDictionary<string, T> choices)
    {
        var text = String(path);
        return choices.TryGetValue(text, out var value)
            ? value
            : throw Invalid(path, $"must be one of {string.Join(", ", choices.Keys.Select(k => $"\"{k}\""))}");
    }

    /// <summary>An IP literal, or "localhost" for the IPv4 loopback.</summary>
    public IPAddress IpAddress(string path)
    {
        var text = String(path);
        if (string.Equals(text, "localhost", StringComparison.OrdinalIgnoreCase)) return IPAddress.Loopback;
        return IPAddress.TryParse(text, out var address) ? address : throw Invalid(path, "must be an IP address or \"localhost\"");
    }

    public IReadOnlyList<string> StringList(string path)
    {
        var value = Value(path);
        if (HoconTree.KindOf(value) != HoconKind.List) throw Invalid(path, "must be a list, e.g. [\"a\", \"b\"]");
        var elements = HoconTree.Elements(value);
        if (elements.Any(e => !e.IsString())) throw Invalid(path, "must be a list of strings");
        return elements.Select(e => e.GetString()).ToList();
    }

    /// <summary>Parses each element of a list, naming the element (key[index]) when one does not parse.</summary>
    public IReadOnlyList<T> ParsedList<T>(string path, Func<string, (T? Value, string? Error)> parse)
    {
        var items = StringList(path);
        var result = new List<T>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var (value, error) = parse(items[i]);
            if (error is not null || value is null)
                throw new ConfigurationException($"{path}[{i}] = \"{items[i]}\" ({OriginOf(path)}): {error}", $"{path}[{i}]");
            result.Add(value);
        }
        return result;
    }

    /// <summary>A list of objects (<c>[ { ... }, { ... } ]</c>), each as its own config to read keys from.</summary>
    public IReadOnlyList<Config> ObjectList(string path)
    {
        var value = Value(path);
        if (HoconTree.KindOf(value) != HoconKind.List) throw Invalid(path, "must be a list of objects, e.g. [ { ... } ]");
        var elements = HoconTree.Elements(value);
        for (var i = 0; i < elements.Count; i++)
        {
            if (!elements[i].IsObject()) throw Element(path, i, "must be an object { ... }");
        }
        return elements.Select(e => new Config(new HoconRoot(e))).ToList();
    }

    public ConfigurationException Invalid(string path, string problem) =>
        new($"{path} = {Shown(path)} ({OriginOf(path)}): {problem}", path);

    /// <summary>An error in one element of a list (or a key inside it): names it as path[index] and where the list was set.</summary>
    public ConfigurationException Element(string path, int index, string problem, string? inner = null)
    {
        var key = inner is null ? $"{path}[{index}]" : $"{path}[{index}].{inner}";
        return new($"{key} ({OriginOf(path)}): {problem}", key);
    }

    public string OriginOf(string path) => origins.TryGetValue(path, out var origin) ? $"set in {origin}" : "default";

    private HoconValue Value(string path) =>
        Config.HasPath(path) ? Config.GetValue(path) : throw new ConfigurationException($"missing key '{path}': every key must have a default in hocon/node.conf", path);

    private HoconValue Scalar(string path)
    {
        var value = Value(path);
        return HoconTree.KindOf(value) == HoconKind.Value && value.IsString()
            ? value
            : throw Invalid(path, "must be a single value, not a list or section");
    }

    private string Shown(string path)
    {
        if (!Config.HasPath(path)) return "(missing)";
        var value = Config.GetValue(path);
        return HoconTree.KindOf(value) switch
        {
            HoconKind.Value => $"\"{value.GetString()}\"",
            HoconKind.List => $"[{string.Join(", ", HoconTree.Elements(value).Select(e => $"\"{e.GetString()}\""))}]",
            _ => "{...}",
        };
    }
}
