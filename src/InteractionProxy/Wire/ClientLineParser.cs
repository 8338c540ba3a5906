using System.Text.Json;
using ClusterSip.InteractionProxy.Client;

namespace ClusterSip.InteractionProxy.Wire;

/// <summary>Reads one client line: a JSON object whose "message" names the request (docs/iproxy-protocol.md).</summary>
public static class ClientLineParser
{
    public const string TPrivateService = "TPrivateService";

    public static ClientLine Parse(ReadOnlyMemory<byte> line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            return new InvalidLine(ErrorCodes.NotJson, $"not JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return new InvalidLine(ErrorCodes.NotJson, "not a JSON object");
            if (!root.TryGetProperty("message", out var message))
                return new InvalidLine(ErrorCodes.MissingKey, "missing required key 'message'");
            if (message.ValueKind != JsonValueKind.String)
                return new InvalidLine(ErrorCodes.BadValue, "'message' must be a string");

            var name = message.GetString()!;
            return name == TPrivateService ? ParseRegistration(root) : new UnknownMessageLine(name);
        }
    }

    private static ClientLine ParseRegistration(JsonElement root)
    {
        if (!root.TryGetProperty("AttributeExtensions", out var attributes))
            return new InvalidLine(ErrorCodes.MissingKey, "missing required key 'AttributeExtensions'");
        if (attributes.ValueKind != JsonValueKind.Object)
            return new InvalidLine(ErrorCodes.BadValue, "'AttributeExtensions' must be an object");

        var errors = new List<InvalidLine>();
        var clusterId = RequiredString(attributes, "ClusterId", errors);
        var nodeId = RequiredString(attributes, "NodeId", errors);
        var sessionId = RequiredString(attributes, "SessionId", errors);
        var filter = UdataFilter(attributes, errors);
        var snapshot = InteractionSnapshot(attributes, errors);
        var sequenceId = SequenceId(attributes, errors);
        var secret = OptionalString(attributes, "Secret", errors);
        return errors.Count > 0
            ? errors[0]
            : new RegistrationLine(new Registration(clusterId!, nodeId!, sessionId!, filter, snapshot, sequenceId, secret));
    }

    private static string? RequiredString(JsonElement attributes, string key, List<InvalidLine> errors)
    {
        if (!attributes.TryGetProperty(key, out var value))
        {
            errors.Add(new InvalidLine(ErrorCodes.MissingKey, $"missing required key 'AttributeExtensions.{key}'"));
            return null;
        }
        if (value.ValueKind != JsonValueKind.String || value.GetString()!.Length == 0)
        {
            errors.Add(new InvalidLine(ErrorCodes.BadValue, $"'{key}' must be a non-empty string"));
            return null;
        }
        return value.GetString();
    }

    private static string? OptionalString(JsonElement attributes, string key, List<InvalidLine> errors)
    {
        if (!attributes.TryGetProperty(key, out var value)) return null;
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        errors.Add(new InvalidLine(ErrorCodes.BadValue, $"'{key}' must be a string"));
        return null;
    }

    /// <summary>Missing: null (no filter). An object {"key-1":"a","key-2":"b"}: its values, in key order.</summary>
    private static IReadOnlyList<string>? UdataFilter(JsonElement attributes, List<InvalidLine> errors)
    {
        if (!attributes.TryGetProperty("UdataFilter", out var value)) return null;
        if (value.ValueKind != JsonValueKind.Object || value.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.String))
        {
            errors.Add(new InvalidLine(ErrorCodes.BadValue, "'UdataFilter' must be an object of strings, e.g. {\"key-1\":\"queue\"}"));
            return null;
        }
        return value.EnumerateObject().Select(p => p.Value.GetString()!).ToList();
    }

    private static bool InteractionSnapshot(JsonElement attributes, List<InvalidLine> errors)
    {
        if (!attributes.TryGetProperty("InteractionSnapshot", out var value)) return true;
        switch (value.ValueKind)
        {
            case JsonValueKind.True: return true;
            case JsonValueKind.False: return false;
            case JsonValueKind.String when value.GetString() is "true": return true;
            case JsonValueKind.String when value.GetString() is "false": return false;
            default:
                errors.Add(new InvalidLine(ErrorCodes.BadValue, "'InteractionSnapshot' must be \"true\", \"false\" or a JSON boolean"));
                return true;
        }
    }

    private static long? SequenceId(JsonElement attributes, List<InvalidLine> errors)
    {
        if (!attributes.TryGetProperty("SequenceId", out var value)) return null;
        if (value.ValueKind == JsonValueKind.String && SequenceIds.TryParse(value.GetString()!, out var sequence)) return sequence;
        errors.Add(new InvalidLine(ErrorCodes.BadValue, "'SequenceId' must be a zero-padded 16-digit string, e.g. \"0000000000000042\""));
        return null;
    }
}
