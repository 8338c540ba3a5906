using Akka.Cluster.Sharding;
using ClusterSip.Registrar.Location;

namespace ClusterSip.Registrar.Bench;

/// <summary>Routes <see cref="IAorMessage"/>s to the entity of their address-of-record.</summary>
public sealed class AorMessageExtractor(int shards) : HashCodeMessageExtractor(shards)
{
    public override string? EntityId(object message) => (message as IAorMessage)?.Aor;
}
