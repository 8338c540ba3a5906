using ClusterSip.Callstore.Cdr;
using ClusterSip.Callstore.Configuration;

namespace ClusterSip.Callstore.Store;

/// <summary>What a group's store needs: the instance it runs as (group, cdr_enabled, sorm3_enabled) and the shared parts.</summary>
/// <param name="RouterPath">Path of the callstore router on every node (asked for its node's start time).</param>
/// <param name="Plugins">The journal and snapshot store the group's store uses.</param>
/// <param name="JournalPace">How long after a journal write the next waits for more events (zero: it does not wait).</param>
public sealed record GroupStoreSettings(
    CallstoreInstance Instance,
    TimeSpan DeadDialogAfter,
    int SnapshotEvery,
    TimeSpan JournalPace,
    CdrStore Cdrs,
    CallstoreStatistics Statistics,
    string RouterPath,
    StorePlugins Plugins)
{
    public static string PersistenceIdOf(int group) => $"callstore-{group}";
}
