namespace ClusterSip.Callstore.Configuration;

/// <summary>The callstore's settings as the node read them (cluster-sip.callstore, cluster-sip.node.aliases).</summary>
/// <param name="Instances">Every instance of the cluster, enabled or not, the same list on every node.</param>
/// <param name="Aliases">This node's aliases: it hosts the enabled instances whose iface is one of them (or that have none).</param>
/// <param name="DeadDialogAfter">How long the node of an active call may stay unreachable before the call ends as node-lost.</param>
/// <param name="SnapshotEvery">A group's store saves a snapshot after this many journaled events.</param>
/// <param name="JournalPace">How long after a journal write a group's store waits before the next.</param>
/// <param name="FirstElectionWait">How long a group's coordinator, once started, waits for the host of the group's lowest order before electing another.</param>
public sealed record CallstoreOptions(
    IReadOnlyList<CallstoreInstance> Instances,
    IReadOnlyList<string> Aliases,
    TimeSpan DeadDialogAfter,
    int SnapshotEvery,
    TimeSpan JournalPace,
    TimeSpan FirstElectionWait)
{
    public IEnumerable<CallstoreInstance> Enabled => Instances.Where(i => i.Enabled);

    /// <summary>The enabled group numbers, ascending.</summary>
    public IReadOnlyList<int> Groups => Enabled.Select(i => i.Group).Distinct().Order().ToList();

    /// <summary>The instance this node runs for each group it hosts: the lowest order among those it may host.</summary>
    public IReadOnlyList<CallstoreInstance> HostedHere =>
        Enabled.Where(i => i.IsHostedBy(Aliases)).GroupBy(i => i.Group).Select(g => g.MinBy(i => i.Order)!).OrderBy(i => i.Group).ToList();

    /// <summary>The lowest order among the group's enabled instances.</summary>
    public int LowestOrderOf(int group) => Enabled.Where(i => i.Group == group).Min(i => i.Order);

    /// <summary>The cluster role of the nodes that host a group's instances: its singleton runs among them.</summary>
    public static string RoleOf(int group) => $"callstore-{group}";
}
