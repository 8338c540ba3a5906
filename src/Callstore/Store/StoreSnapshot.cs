using ClusterSip.CallEvents;

namespace ClusterSip.Callstore.Store;

/// <summary>
/// A group store's snapshot after the event at <paramref name="Offset"/>: the events of its active calls and of ended
/// calls whose CDR is pending (replayed into a fresh <see cref="CallBook"/> on recovery), and the recently ended calls.
/// </summary>
public sealed record StoreSnapshot(long Offset, IReadOnlyList<CallEvent> Events, IReadOnlyList<EndedCall> Ended);
