namespace ClusterSip.Callstore.Store;

/// <summary>
/// The Akka.Persistence plugins a group's store journals to and saves its snapshots with: their configuration paths
/// (e.g. "akka.persistence.journal.callstore"), or empty for the system's default plugins.
/// </summary>
public sealed record StorePlugins(string Journal, string SnapshotStore)
{
    public static readonly StorePlugins Default = new("", "");
}
