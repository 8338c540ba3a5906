using Akka.Actor;
using Akka.Cluster.Sharding;

namespace ClusterSip.Presence.Tests.Support;

/// <summary>Stands in for a shard: hosts one entity, forwards to it, and on Passivate stops it and reports to the probe.</summary>
public sealed class ShardStub : ReceiveActor
{
    public ShardStub(Props entity, IActorRef probe)
    {
        var child = Context.ActorOf(entity, "entity");
        Receive<Passivate>(p =>
        {
            probe.Tell(new Passivated());
            Context.Stop(child);
        });
        ReceiveAny(m => child.Forward(m));
    }

    public sealed record Passivated;
}
