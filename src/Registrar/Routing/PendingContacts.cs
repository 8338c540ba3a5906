using ClusterSip.Registrar.Location;

namespace ClusterSip.Registrar.Routing;

/// <summary>The q groups not yet tried, carried in a transaction AVP (a string) to the failure route: URIs, received addresses and Paths only.</summary>
internal static class PendingContacts
{
    private const char GroupSeparator = '\u001e';
    private const char BindingSeparator = '\u001f';
    private const char FieldSeparator = '\u001d';

    public static string Encode(IEnumerable<IReadOnlyList<Binding>> groups) =>
        string.Join(GroupSeparator, groups.Select(g => string.Join(BindingSeparator, g.Select(b => string.Join(FieldSeparator, [b.Uri, b.Received ?? "", .. b.Path])))));

    public static IReadOnlyList<IReadOnlyList<Binding>> Decode(string text) =>
        text.Split(GroupSeparator)
            .Select(g => (IReadOnlyList<Binding>)g.Split(BindingSeparator).Select(Binding).ToList())
            .ToList();

    private static Binding Binding(string text)
    {
        var fields = text.Split(FieldSeparator);
        var received = fields[1].Length == 0 ? null : fields[1];
        return new Binding(fields[0], $"<{fields[0]}>", DateTimeOffset.MaxValue, null, "", 0, fields[2..], received, null, null, null, "");
    }
}
