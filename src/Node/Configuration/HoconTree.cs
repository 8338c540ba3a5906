using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace ClusterSip.Node.Configuration;

/// <summary>What a HOCON value holds, as far as validation cares.</summary>
public enum HoconKind { Value, List, Section }

/// <summary>A value at the end of a path: a scalar, a list, or an empty section.</summary>
public sealed record HoconLeaf(string Path, HoconValue Value, HoconKind Kind);

/// <summary>Walks parsed HOCON. Akka's tree has quirks (an empty list is not IsArray) that this hides.</summary>
public static class HoconTree
{
    public static IEnumerable<HoconLeaf> Leaves(Config config) =>
        config.Root is { } root && root.IsObject() ? LeavesOf(root.GetObject(), "") : [];

    public static HoconKind KindOf(HoconValue value) =>
        value.IsObject() ? HoconKind.Section
        : value.IsArray() || value.Values.Any(v => v is HoconArray) ? HoconKind.List
        : HoconKind.Value;

    /// <summary>The elements of a list, without the unreadable element Akka leaves for "[ ]".</summary>
    public static IReadOnlyList<HoconValue> Elements(HoconValue list) =>
        list.Values.Count == 1 && list.Values[0] is HoconArray { Count: 0 }
            ? []
            : list.GetArray().Where(e => !e.IsEmpty).ToList();

    private static IEnumerable<HoconLeaf> LeavesOf(HoconObject obj, string prefix)
    {
        foreach (var (key, value) in obj.Items)
        {
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            var kind = KindOf(value);
            if (kind == HoconKind.Section && value.GetObject().Items.Count > 0)
            {
                foreach (var leaf in LeavesOf(value.GetObject(), path)) yield return leaf;
            }
            else
            {
                yield return new HoconLeaf(path, value, kind);
            }
        }
    }
}
