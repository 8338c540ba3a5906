namespace ClusterSip.Sip.Stack.Routing;

public sealed partial class RouteContext
{
    private Dictionary<Type, object>? _features;

    /// <summary>
    /// What a request hook left for the route script of this run, by its type: a module's per-request controls (the
    /// dialogs' <c>Dialog()</c>, Kamailio's <c>dlg_manage</c>); null when no hook set one.
    /// </summary>
    public T? Feature<T>() where T : class => _features?.GetValueOrDefault(typeof(T)) as T;

    /// <summary>Leaves <paramref name="feature"/> for the rest of this run (a request hook, for the request route).</summary>
    public void SetFeature<T>(T feature) where T : class => (_features ??= [])[typeof(T)] = feature;
}
