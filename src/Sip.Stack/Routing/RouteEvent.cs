namespace ClusterSip.Sip.Stack.Routing;

/// <summary>
/// An event of event-driven routing (OpenSIPS 2.3's event interface): a name (<c>REGISTER</c>, <c>DTMF</c>, or one a
/// script raises) and string attributes (<c>aor</c>, <c>contact</c>, <c>callid</c>, <c>digit</c>, ...).
/// </summary>
public sealed record RouteEvent(string Name, IReadOnlyDictionary<string, string> Attributes)
{
    /// <remarks>A factory, not a second constructor: events cross nodes through Akka's JSON serializer, which needs exactly one.</remarks>
    public static RouteEvent Of(string name, params (string Key, string Value)[] attributes) =>
        new(name, attributes.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal));

    /// <summary>The attribute's value, or null when the event has none of that name.</summary>
    public string? this[string key] => Attributes.TryGetValue(key, out var value) ? value : null;

    /// <summary>True when every attribute of the filter is present with exactly that value (an empty filter matches every event).</summary>
    public bool Matches(IReadOnlyDictionary<string, string> filter) =>
        filter.All(f => Attributes.TryGetValue(f.Key, out var value) && value == f.Value);
}
