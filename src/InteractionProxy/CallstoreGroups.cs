using Akka.Actor;

namespace ClusterSip.InteractionProxy;

/// <summary>
/// The callstore as the Interaction Proxy uses it (docs/call-events.md, Delivery): the group actors it asks with
/// GetActiveCalls for an ActiveCallsSnapshot. What they accepted arrives on the CallEventTopics.Accepted topic.
/// The node supplies them; an empty list means the proxy follows the topic without starting snapshots.
/// </summary>
public sealed record CallstoreGroups(IReadOnlyList<IActorRef> Groups);
