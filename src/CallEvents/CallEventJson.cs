using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClusterSip.CallEvents;

/// <summary>
/// The JSON form of the contract (docs/call-events.md): camelCase fields, enums as names, the event's name in
/// <c>type</c>. A reader ignores fields it does not know, so a field added in a later version reaches an older
/// reader harmlessly; an event type it does not know is a <see cref="CallEventFormatException"/>.
/// </summary>
public static class CallEventJson
{
    /// <summary>The version of the contract this assembly writes and reads.</summary>
    public const int SchemaVersion = 1;

    public static byte[] Encode<T>(T message) where T : class =>
        JsonSerializer.SerializeToUtf8Bytes(message, Info<T>());

    public static T Decode<T>(ReadOnlySpan<byte> json) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(json, Info<T>())
                ?? throw new CallEventFormatException($"{typeof(T).Name}: the JSON is null");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            throw new CallEventFormatException($"{typeof(T).Name}: {e.Message}", e);
        }
    }

    public static object Decode(Type type, ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, CallEventJsonContext.Default.GetTypeInfo(type)!)
                ?? throw new CallEventFormatException($"{type.Name}: the JSON is null");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            throw new CallEventFormatException($"{type.Name}: {e.Message}", e);
        }
    }

    private static System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> Info<T>() =>
        (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)CallEventJsonContext.Default.GetTypeInfo(typeof(T))!;
}

/// <summary>A call event message that cannot be read: malformed JSON, a missing required field, an unknown type.</summary>
public sealed class CallEventFormatException(string message, Exception? inner = null) : Exception(message, inner);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(CallEvent))]
[JsonSerializable(typeof(CallEventAck))]
[JsonSerializable(typeof(AcceptedCallEvent))]
[JsonSerializable(typeof(ActiveCall))]
[JsonSerializable(typeof(GetActiveCalls))]
[JsonSerializable(typeof(ActiveCallsSnapshot))]
internal sealed partial class CallEventJsonContext : JsonSerializerContext;
