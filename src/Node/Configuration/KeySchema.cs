namespace ClusterSip.Node.Configuration;

/// <summary>
/// The keys node.conf defines under cluster-sip, and the check that a layer sets only those, each
/// with the kind of value its default has. A section whose default is {} accepts any key below it.
/// </summary>
public sealed class KeySchema
{
    public const string Root = "cluster-sip";
    private static readonly string[] AllowedRoots = [Root, "akka"];

    private readonly Dictionary<string, HoconKind> _leaves;
    private readonly HashSet<string> _sections;
    private readonly HashSet<string> _openSections;

    private KeySchema(IEnumerable<HoconLeaf> defaults)
    {
        var own = defaults.Where(l => IsUnderRoot(l.Path)).ToList();
        _openSections = own.Where(l => l.Kind == HoconKind.Section).Select(l => l.Path).ToHashSet();
        _leaves = own.Where(l => l.Kind != HoconKind.Section).ToDictionary(l => l.Path, l => l.Kind);
        _sections = own.SelectMany(l => Ancestors(l.Path)).Concat(_openSections).ToHashSet();
    }

    public static KeySchema FromDefaults(ConfigLayer defaults) => new(HoconTree.Leaves(defaults.Config));

    public void Check(ConfigLayer layer)
    {
        foreach (var leaf in HoconTree.Leaves(layer.Config))
        {
            var root = leaf.Path.Split('.')[0];
            if (!AllowedRoots.Contains(root))
                throw new ConfigurationException($"unknown top-level key '{root}' in {layer.Origin}: only {Root} and akka are accepted");
            if (IsUnderRoot(leaf.Path)) CheckOwnKey(leaf, layer.Origin);
        }
    }

    private void CheckOwnKey(HoconLeaf leaf, string origin)
    {
        if (_leaves.TryGetValue(leaf.Path, out var expected))
        {
            if (leaf.Kind == HoconKind.Section)
                throw new ConfigurationException($"{leaf.Path} in {origin}: expects {Describe(expected)}, got an empty section");
            if (leaf.Kind != expected)
                throw new ConfigurationException($"{leaf.Path} in {origin}: expects {Describe(expected)}, got {Describe(leaf.Kind)}");
            return;
        }

        if (Ancestors(leaf.Path).Any(_openSections.Contains)) return;
        if (_sections.Contains(leaf.Path))
        {
            if (leaf.Kind == HoconKind.Section) return;
            throw new ConfigurationException($"{leaf.Path} in {origin}: is a section of keys, not a value");
        }

        throw new ConfigurationException($"unknown key '{leaf.Path}' in {origin}{Suggestion(leaf.Path)}");
    }

    private string Suggestion(string path)
    {
        var parent = Ancestors(path).Where(_sections.Contains).DefaultIfEmpty(Root).Last();
        var known = _leaves.Keys.Concat(_sections)
            .Where(k => k.StartsWith(parent + ".", StringComparison.Ordinal))
            .Select(k => k[(parent.Length + 1)..].Split('.')[0])
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        return known.Count == 0 ? "" : $" (keys under {parent}: {string.Join(", ", known)})";
    }

    private static string Describe(HoconKind kind) => kind switch
    {
        HoconKind.List => "a list",
        HoconKind.Section => "a section",
        _ => "a single value",
    };

    private static bool IsUnderRoot(string path) => path == Root || path.StartsWith(Root + ".", StringComparison.Ordinal);

    /// <summary>"a.b.c" yields "a", "a.b".</summary>
    private static IEnumerable<string> Ancestors(string path)
    {
        for (var dot = path.IndexOf('.'); dot > 0; dot = path.IndexOf('.', dot + 1))
            yield return path[..dot];
    }
}
