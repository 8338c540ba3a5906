using System.Collections.Immutable;

namespace ClusterSip.Node.Hosting;

/// <summary>A module's statistics as the management API shows them: named counters, and a reset of the resettable ones.</summary>
/// <param name="Name">The module, e.g. "tm".</param>
public sealed record StatisticsGroup(string Name, Func<IReadOnlyDictionary<string, long>> Snapshot, Action Reset);

/// <summary>The statistics groups features register at start (GET /statistics, POST /statistics/{group}/reset).</summary>
public sealed class StatisticsRegistry
{
    private ImmutableDictionary<string, StatisticsGroup> _groups = ImmutableDictionary<string, StatisticsGroup>.Empty;

    public IEnumerable<StatisticsGroup> Groups => _groups.Values.OrderBy(g => g.Name, StringComparer.Ordinal);

    public void Register(StatisticsGroup group)
    {
        if (!ImmutableInterlocked.TryAdd(ref _groups, group.Name, group))
            throw new InvalidOperationException($"statistics group '{group.Name}' is already registered");
    }

    public StatisticsGroup? Find(string name) => _groups.GetValueOrDefault(name);
}
