using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClusterSip.Callstore.Cdr;

/// <summary>The JSON form of a CDR, as stored and as the management API shows it: camelCase, enums by name.</summary>
public static class CdrJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Encode(CallDetailRecord cdr) => JsonSerializer.Serialize(cdr, Options);

    public static CallDetailRecord Decode(string json) =>
        JsonSerializer.Deserialize<CallDetailRecord>(json, Options) ?? throw new JsonException("a CDR row holds null");
}
