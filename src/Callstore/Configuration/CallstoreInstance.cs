namespace ClusterSip.Callstore.Configuration;

/// <summary>
/// One callstore role instance of cluster-sip.callstore.instances, with the seed's keys (docs/callstore.md).
/// </summary>
/// <param name="Iface">The node alias of the host; null: any node hosts it.</param>
/// <param name="Ext">The instance's extra options as JSON (an object or a list); "" when not given.</param>
/// <param name="IncludeDomains">Lower-case domain names whose subtrees this instance's group serves.</param>
public sealed record CallstoreInstance(
    string Name,
    string RoleType,
    string? Iface,
    string Ext,
    bool Enabled,
    int Group,
    int Order,
    IReadOnlyList<string> IncludeDomains,
    bool CdrEnabled,
    bool Sorm3Enabled)
{
    public const string RoleTypeName = "callstore";

    /// <summary>Whether a node with these aliases hosts the instance.</summary>
    public bool IsHostedBy(IReadOnlyCollection<string> aliases) => Iface is null || aliases.Contains(Iface);
}
