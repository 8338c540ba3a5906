using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;

namespace ClusterSip.Callstore.Store;

/// <summary>
/// Stores what a group store journals and snapshots as UTF-8 JSON, its events in the contract's own form
/// (docs/call-events.md: camelCase fields, enums by name, the event's name in <c>type</c>), with a source-generated
/// serializer. Manifests: "batch/1" for an <see cref="EventBatch"/> (<c>{"firstOffset":N,"events":[...]}</c>) and
/// "snapshot/2" for a <see cref="StoreSnapshot"/> (<c>{"offset":N,"events":[...],"ended":[{"callId","lastSequence"}]}</c>).
/// A manifest names its format: change the format, change the manifest; an unknown one is a clear error.
/// </summary>
public sealed class StoreSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const string BatchManifest = "batch/1";
    public const string SnapshotManifest = "snapshot/2";

    /// <summary>Binds the journal entry and the snapshot to this serializer; the ActorSystem of a callstore host falls back to it.</summary>
    public static Config Config { get; } = ConfigurationFactory.ParseString($$"""
        akka.actor {
          serializers.callstore-store = "{{Name<StoreSerializer>()}}"
          serialization-bindings {
            "{{Name<EventBatch>()}}" = callstore-store
            "{{Name<StoreSnapshot>()}}" = callstore-store
          }
        }
        """);

    public override int Identifier => 5102;

    private static string Name<T>() => $"{typeof(T).FullName}, {typeof(T).Assembly.GetName().Name}";

    public override string Manifest(object o) => o switch
    {
        EventBatch => BatchManifest,
        StoreSnapshot => SnapshotManifest,
        _ => throw new ArgumentException($"{o.GetType()} is not journaled by a callstore", nameof(o)),
    };

    public override byte[] ToBinary(object obj) => obj switch
    {
        EventBatch batch => JsonSerializer.SerializeToUtf8Bytes(batch, StoreJsonContext.Default.EventBatch),
        StoreSnapshot snapshot => JsonSerializer.SerializeToUtf8Bytes(snapshot, StoreJsonContext.Default.StoreSnapshot),
        _ => throw new ArgumentException($"{obj.GetType()} is not journaled by a callstore", nameof(obj)),
    };

    public override object FromBinary(byte[] bytes, string manifest) => manifest switch
    {
        BatchManifest => Read(bytes, manifest, StoreJsonContext.Default.EventBatch),
        SnapshotManifest => Read(bytes, manifest, StoreJsonContext.Default.StoreSnapshot),
        _ => throw new SerializationException(
            $"unknown callstore journal manifest '{manifest}' (this node reads {BatchManifest} and {SnapshotManifest}): the journal was written by another version"),
    };

    private static T Read<T>(byte[] bytes, string manifest, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info)
    {
        try
        {
            return JsonSerializer.Deserialize(bytes, info) ?? throw new SerializationException($"callstore {manifest} entry is null");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            throw new SerializationException($"callstore {manifest} entry cannot be read: {e.Message}", e);
        }
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(EventBatch))]
[JsonSerializable(typeof(StoreSnapshot))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;
