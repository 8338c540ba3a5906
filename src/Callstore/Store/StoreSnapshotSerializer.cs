using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Configuration;
using System.Runtime.Serialization;
using Akka.Serialization;

namespace ClusterSip.Callstore.Store;

/// <summary>Stores <see cref="StoreSnapshot"/> as JSON (events in the contract's own polymorphic form), manifest "snapshot/1".</summary>
public sealed class StoreSnapshotSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    private const string SnapshotManifest = "snapshot/1";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Binds the snapshot to this serializer; the ActorSystem of a callstore host falls back to it.</summary>
    public static Config Config { get; } = ConfigurationFactory.ParseString($$"""
        akka.actor {
          serializers.callstore-snapshot = "{{typeof(StoreSnapshotSerializer).FullName}}, {{typeof(StoreSnapshotSerializer).Assembly.GetName().Name}}"
          serialization-bindings {
            "{{typeof(StoreSnapshot).FullName}}, {{typeof(StoreSnapshot).Assembly.GetName().Name}}" = callstore-snapshot
          }
        }
        """);

    public override int Identifier => 5102;

    public override string Manifest(object o) => o is StoreSnapshot ? SnapshotManifest : throw new ArgumentException($"{o.GetType()} is not a callstore snapshot", nameof(o));

    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes((StoreSnapshot)obj, Options);

    public override object FromBinary(byte[] bytes, string manifest) => manifest == SnapshotManifest
        ? JsonSerializer.Deserialize<StoreSnapshot>(bytes, Options) ?? throw new SerializationException("the callstore snapshot is null")
        : throw new SerializationException($"unknown callstore snapshot manifest '{manifest}'");
}
