using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;

namespace ClusterSip.Callstore.Store;

/// <summary>
/// Stores what a group store journals and snapshots in <see cref="StoreFormat"/>, a compact binary form (a tenth of
/// the JSON's decoding time, which bounded a takeover's replay). Manifests: "batch/1" for an <see cref="EventBatch"/>,
/// "snapshot/2" for a <see cref="StoreSnapshot"/>. A manifest names its format: change the format, change the manifest;
/// an unknown one is a clear error.
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
        EventBatch batch => StoreFormat.Write(batch),
        StoreSnapshot snapshot => StoreFormat.Write(snapshot),
        _ => throw new ArgumentException($"{obj.GetType()} is not journaled by a callstore", nameof(obj)),
    };

    public override object FromBinary(byte[] bytes, string manifest) => manifest switch
    {
        BatchManifest => StoreFormat.ReadBatch(bytes),
        SnapshotManifest => StoreFormat.ReadSnapshot(bytes),
        _ => throw new SerializationException(
            $"unknown callstore journal manifest '{manifest}' (this node reads {BatchManifest} and {SnapshotManifest}): the journal was written by another version"),
    };
}
