using System.Globalization;
using Akka.Cluster.Sharding;
using Akka.Util;
using ClusterSip.Registrar.Location;

namespace ClusterSip.Registrar.Sharding;

/// <summary>
/// Routes a message for an address-of-record to its partition: a stable hash of the AOR (the same on every node and
/// every run) modulo the partition count. Each partition is its own shard, so shards move with their records.
/// </summary>
public sealed class PartitionExtractor(int partitions) : IMessageExtractor
{
    public int Partitions { get; } = partitions;

    public string PartitionOf(string aor) => Id(Math.Abs(MurmurHash.StringHash(aor) % Partitions));

    public string? EntityId(object message) => message switch
    {
        IAorMessage m => PartitionOf(m.Aor),
        PartitionRecordsQuery q => Id(q.Partition),
        _ => null,
    };

    public object? EntityMessage(object message) => message;

    public string? ShardId(object message) => EntityId(message);

    public string ShardId(string entityId, object? messageHint = null) => entityId;

    private static string Id(int partition) => partition.ToString(CultureInfo.InvariantCulture);
}
