using Akka.Actor;
using Akka.Cluster.Sharding;

namespace ClusterSip.Node.Tests.Support;

/// <summary>A message for a sharded test entity.</summary>
public sealed record ToEntity(string EntityId, string Text);

/// <summary>A sharded entity that answers with its id.</summary>
public sealed class EchoEntity : ReceiveActor
{
    public EchoEntity() => Receive<ToEntity>(m => Sender.Tell(m.EntityId));
}

public sealed class ToEntityExtractor() : HashCodeMessageExtractor(maxNumberOfShards: 10)
{
    public override string? EntityId(object message) => (message as ToEntity)?.EntityId;
}

/// <summary>A singleton that does nothing but exist.</summary>
public sealed class IdleSingleton : ReceiveActor;
