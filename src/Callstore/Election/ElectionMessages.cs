using Akka.Actor;

namespace ClusterSip.Callstore.Election;

/// <summary>The coordinator asks a host of the group for its instance and whether it runs the store.</summary>
/// <param name="GroupWasActive">The group has had an active instance: the host keeps this for the coordinator's successors.</param>
public sealed record Probe(int Group, bool GroupWasActive);

/// <param name="Store">The running store (its supervisor) when this host is the active one.</param>
/// <param name="GroupWasActive">A coordinator told this host that the group has had an active instance, so a coordinator that
/// takes over after its predecessor's node crashed elects the next order at once, instead of waiting for the lowest order
/// as when the cluster starts.</param>
public sealed record HostStatus(int Group, string Instance, int Order, IActorRef? Store, bool GroupWasActive);

/// <summary>Tells a host to start the group's store (recovering it from the journal).</summary>
public sealed record StartActive(int Group);

/// <summary>The host runs the store now.</summary>
public sealed record Activated(int Group, IActorRef Store);

/// <summary>Tells a host to drain and stop its store.</summary>
public sealed record StopActive(int Group);

/// <summary>The host's store has stopped (or never ran).</summary>
public sealed record Deactivated(int Group);

/// <summary>Asks the coordinator of a group for its hosts; answered with <see cref="GroupStatus"/>.</summary>
public sealed record GetGroupStatus
{
    public static readonly GetGroupStatus Instance = new();
}

/// <param name="Node">The host's address (system@host:port).</param>
/// <param name="State">"active", "passive", or "unknown" while it has not answered.</param>
public sealed record HostView(string? Instance, int? Order, string Node, bool Reachable, string State);

/// <param name="Active">The node of the active instance, null while none is active.</param>
/// <param name="Coordinator">The node the group's singleton (coordinator) runs on.</param>
public sealed record GroupStatus(int Group, string? Active, string Coordinator, IReadOnlyList<HostView> Hosts);
