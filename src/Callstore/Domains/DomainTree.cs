using ClusterSip.Callstore.Configuration;

namespace ClusterSip.Callstore.Domains;

/// <summary>
/// Which group serves a domain: the group naming the longest suffix of it on a dot boundary, case-insensitive
/// (a.b.example.com goes to the group of b.example.com before the one of example.com; badexample.com is not under
/// example.com); a domain no group names goes to the default group (the one with empty include_domains).
/// </summary>
public sealed class DomainTree
{
    private readonly Dictionary<string, int> _named;

    /// <param name="named">Each named domain and its group.</param>
    /// <param name="defaultGroup">The group serving what no group names; null when every group names its domains.</param>
    public DomainTree(IReadOnlyDictionary<string, int> named, int? defaultGroup)
    {
        _named = new Dictionary<string, int>(named, StringComparer.OrdinalIgnoreCase);
        DefaultGroup = defaultGroup;
    }

    public int? DefaultGroup { get; }

    /// <summary>The tree of the enabled instances (validated by the node: a domain is named by one group only).</summary>
    public static DomainTree Of(IEnumerable<CallstoreInstance> enabled)
    {
        var instances = enabled.ToList();
        var named = instances
            .SelectMany(i => i.IncludeDomains.Select(d => (Domain: d, i.Group)))
            .DistinctBy(x => x.Domain, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(x => x.Domain, x => x.Group, StringComparer.OrdinalIgnoreCase);
        var defaultGroup = instances.Where(i => i.IncludeDomains.Count == 0).Select(i => (int?)i.Group).Min();
        return new DomainTree(named, defaultGroup);
    }

    /// <summary>The group serving <paramref name="domain"/>, or null when no group does.</summary>
    public int? Resolve(string domain)
    {
        var name = domain.Trim().TrimEnd('.');
        while (name.Length > 0)
        {
            if (_named.TryGetValue(name, out var group)) return group;
            var dot = name.IndexOf('.');
            if (dot < 0) break;
            name = name[(dot + 1)..];
        }
        return DefaultGroup;
    }
}
