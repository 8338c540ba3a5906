namespace ClusterSip.Sip.Stack.Routing;

public sealed partial class RouteContext
{
    // Newest first. A run holds one or two features (the dialogs' control on every INVITE), so a short list costs one
    // small object each where a dictionary cost its buckets and entries arrays for every INVITE.
    private FeatureEntry? _features;

    /// <summary>
    /// What a request hook left for the route script of this run, by its type: a module's per-request controls (the
    /// dialogs' <c>Dialog()</c>, Kamailio's <c>dlg_manage</c>); null when no hook set one.
    /// </summary>
    public T? Feature<T>() where T : class
    {
        for (var entry = _features; entry is not null; entry = entry.Next)
        {
            if (entry.Type == typeof(T))
            {
                return (T)entry.Value;
            }
        }

        return null;
    }

    /// <summary>Leaves <paramref name="feature"/> for the rest of this run (a request hook, for the request route); it replaces one of the same type.</summary>
    public void SetFeature<T>(T feature) where T : class => _features = new FeatureEntry(typeof(T), feature, _features);

    private sealed record FeatureEntry(Type Type, object Value, FeatureEntry? Next);
}
