using ClusterSip.CallEvents;

namespace ClusterSip.Callstore.Store;

/// <summary>
/// A group store's snapshot: the events of its active calls and of ended calls whose CDR is pending (replayed into
/// a fresh <see cref="CallBook"/> on recovery), and the recently ended calls.
/// </summary>
public sealed record StoreSnapshot(IReadOnlyList<CallEvent> Events, IReadOnlyList<EndedCall> Ended);
