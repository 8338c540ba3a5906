using ClusterSip.CallEvents;

namespace ClusterSip.Callstore.Store;

/// <summary>
/// One journal entry of a group store: the events it accepted while its previous write was in flight, in the order it
/// accepted them. <paramref name="FirstOffset"/> is the offset of the first; the others follow without a gap.
/// </summary>
public sealed record EventBatch(long FirstOffset, IReadOnlyList<CallEvent> Events);
