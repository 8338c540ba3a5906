using System.Text.RegularExpressions;
using Akka.Configuration.Hocon;
using ClusterSip.Callstore.Configuration;
using ClusterSip.Node.Configuration;

namespace ClusterSip.Node.Settings;

/// <summary>
/// cluster-sip.callstore and cluster-sip.node.aliases: the callstore role instances with the seed's rules (see
/// hocon/node.conf). A violation names the instance (its index and name) and the key; a disabled instance is kept
/// as given, unvalidated.
/// </summary>
public static partial class CallstoreSettings
{
    public const string InstancesPath = "cluster-sip.callstore.instances";

    private const int MaxGroup = 9_999_999;

    private static readonly string[] Keys =
        ["name", "roletype", "iface", "ext", "enabled", "group", "order", "include_domains", "cdr_enabled", "sorm3_enabled"];

    public static CallstoreOptions Read(SettingsReader reader)
    {
        var aliases = reader.StringList("cluster-sip.node.aliases");
        var deadDialogAfter = reader.Duration("cluster-sip.callstore.dead-dialog-after");
        var snapshotEvery = reader.Int("cluster-sip.callstore.snapshot-every", 1, 1_000_000);
        var journalPace = reader.Duration("cluster-sip.callstore.journal-pace", zeroAllowed: true);
        var firstElectionWait = reader.Duration("cluster-sip.callstore.first-election-wait");

        var list = reader.Config.GetValue(InstancesPath);
        if (HoconTree.KindOf(list) != HoconKind.List) throw reader.Invalid(InstancesPath, "must be a list of instance objects");
        var origin = reader.OriginOf(InstancesPath);
        var instances = HoconTree.Elements(list).Select((element, index) => ReadInstance(element, index, origin)).ToList();
        CheckTogether(instances.Where(i => i.Enabled).ToList(), instances, origin);
        return new CallstoreOptions(instances, aliases, deadDialogAfter, snapshotEvery, journalPace, firstElectionWait);
    }

    private static CallstoreInstance ReadInstance(HoconValue element, int index, string origin)
    {
        if (!element.IsObject()) throw new ConfigurationException($"{InstancesPath}[{index}] ({origin}): must be an object such as {{ name = \"callstore1\", roletype = \"callstore\", group = 1, order = 1 }}");
        var fields = element.GetObject().Items;
        var where = new InstanceKey(index, fields.TryGetValue("name", out var n) && HoconTree.KindOf(n) == HoconKind.Value ? n.GetString() : null, origin);

        if (fields.Keys.FirstOrDefault(k => !Keys.Contains(k)) is { } unknown)
            throw where.Error(unknown, $"is not a callstore instance key (keys: {string.Join(", ", Keys)})");
        var enabled = Bool(fields, "enabled", true, where);
        if (!enabled)
        {
            return new CallstoreInstance(where.Name ?? "", Text(fields, "roletype") ?? "", Text(fields, "iface"), Ext(fields, where), false,
                0, 0, [], true, false);
        }

        var name = Required(fields, "name", where);
        if (!NamePattern().IsMatch(name)) throw where.Error("name", "must hold only Latin letters and digits and start with a letter");
        var roleType = Required(fields, "roletype", where);
        if (roleType != CallstoreInstance.RoleTypeName) throw where.Error("roletype", $"must be \"{CallstoreInstance.RoleTypeName}\"");
        var iface = Text(fields, "iface");
        if (iface is { Length: 0 }) throw where.Error("iface", "must not be empty (leave it out for any node)");
        var cdr = Bool(fields, "cdr_enabled", true, where);
        var sorm3 = Bool(fields, "sorm3_enabled", false, where);
        if (sorm3 && !cdr) throw where.Error("sorm3_enabled", "needs cdr_enabled = true (the cdr_copm3_dialogs rows are made from the CDRs)");

        return new CallstoreInstance(
            name,
            roleType,
            iface,
            Ext(fields, where),
            true,
            WholeNumber(fields, "group", where),
            WholeNumber(fields, "order", where),
            Domains(fields, where),
            cdr,
            sorm3);
    }

    private static void CheckTogether(IReadOnlyList<CallstoreInstance> enabled, IReadOnlyList<CallstoreInstance> all, string origin)
    {
        InstanceKey KeyOf(CallstoreInstance instance) => new(IndexOf(all, instance), instance.Name, origin);

        foreach (var twin in enabled.GroupBy(i => i.Name).Where(g => g.Count() > 1))
            throw KeyOf(twin.Last()).Error("name", "is used by another instance; names must be unique");

        foreach (var group in enabled.GroupBy(i => i.Group))
        {
            var first = group.First();
            foreach (var instance in group.Skip(1))
            {
                if (instance.Order == first.Order || group.Count(i => i.Order == instance.Order) > 1)
                    throw KeyOf(instance).Error("order", $"{instance.Order} is already the order of another instance of group {instance.Group}");
                if (!instance.IncludeDomains.ToHashSet().SetEquals(first.IncludeDomains))
                    throw KeyOf(instance).Error("include_domains", $"differs from that of instance {first.Name} of the same group {instance.Group}; all instances of a group serve the same domains");
            }
        }

        var groups = enabled.GroupBy(i => i.Group).Select(g => g.First()).ToList();
        foreach (var domain in groups.SelectMany(g => g.IncludeDomains.Select(d => (Domain: d, Instance: g))).GroupBy(x => x.Domain).Where(d => d.Count() > 1))
            throw KeyOf(domain.Last().Instance).Error("include_domains", $"names {domain.Key}, which group {domain.First().Instance.Group} names too; a domain belongs to one group");

        var defaults = groups.Where(g => g.IncludeDomains.Count == 0).ToList();
        if (groups.Count > 0 && defaults.Count == 0)
            throw new ConfigurationException($"{InstancesPath} ({origin}): no enabled group has empty include_domains, so domains no group names would have no callstore; leave include_domains empty in one group");
        if (defaults.Count > 1)
            throw KeyOf(defaults[1]).Error("include_domains", $"is empty, as in group {defaults[0].Group}; only one group may serve the domains no group names");
    }

    private static int IndexOf(IReadOnlyList<CallstoreInstance> all, CallstoreInstance instance)
    {
        for (var i = 0; i < all.Count; i++)
            if (ReferenceEquals(all[i], instance)) return i;
        return -1;
    }

    private static string Required(IReadOnlyDictionary<string, HoconValue> fields, string key, InstanceKey where) =>
        fields.TryGetValue(key, out var value)
            ? HoconTree.KindOf(value) == HoconKind.Value && value.GetString() is { Length: > 0 } text ? text : throw where.Error(key, "must be a non-empty string")
            : throw where.Error(key, "is required");

    private static string? Text(IReadOnlyDictionary<string, HoconValue> fields, string key) =>
        fields.TryGetValue(key, out var value) && HoconTree.KindOf(value) == HoconKind.Value ? value.GetString() : null;

    private static int WholeNumber(IReadOnlyDictionary<string, HoconValue> fields, string key, InstanceKey where)
    {
        var text = Required(fields, key, where);
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= MaxGroup
            ? number
            : throw where.Error(key, $"= \"{text}\": must be a whole number from 1 to {MaxGroup}");
    }

    private static bool Bool(IReadOnlyDictionary<string, HoconValue> fields, string key, bool fallback, InstanceKey where)
    {
        if (!fields.TryGetValue(key, out var value)) return fallback;
        return HoconTree.KindOf(value) == HoconKind.Value && value.GetString() is "true" or "false" or "on" or "off" or "yes" or "no"
            ? value.GetBoolean()
            : throw where.Error(key, "must be true or false");
    }

    private static IReadOnlyList<string> Domains(IReadOnlyDictionary<string, HoconValue> fields, InstanceKey where)
    {
        if (!fields.TryGetValue("include_domains", out var value)) return [];
        if (HoconTree.KindOf(value) != HoconKind.List) throw where.Error("include_domains", "must be a list of domain names, e.g. [\"example.com\"]");
        var domains = new List<string>();
        foreach (var element in HoconTree.Elements(value))
        {
            var domain = HoconTree.KindOf(element) == HoconKind.Value ? element.GetString().Trim().TrimEnd('.').ToLowerInvariant() : "";
            if (!DomainPattern().IsMatch(domain)) throw where.Error("include_domains", $"\"{(HoconTree.KindOf(element) == HoconKind.Value ? element.GetString() : "{...}")}\" is not a domain name");
            if (!domains.Contains(domain)) domains.Add(domain);
        }
        return domains;
    }

    private static string Ext(IReadOnlyDictionary<string, HoconValue> fields, InstanceKey where)
    {
        if (!fields.TryGetValue("ext", out var value)) return "";
        return HoconTree.KindOf(value) is HoconKind.Section or HoconKind.List
            ? HoconJson.Write(value)
            : throw where.Error("ext", "must be a JSON object or list");
    }

    /// <summary>Where an instance sits in the list, for error messages: cluster-sip.callstore.instances[1] (callstore2).key.</summary>
    private sealed record InstanceKey(int Index, string? Name, string Origin)
    {
        public ConfigurationException Error(string key, string problem) =>
            new($"{InstancesPath}[{Index}]{(Name is null ? "" : $" ({Name})")}.{key} ({Origin}): {problem}");
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$")]
    private static partial Regex DomainPattern();
}
