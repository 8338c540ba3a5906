namespace ClusterSip.Sip.Stack.Routing;

/// <summary>Creates the route script named by <see cref="RoutingSettings.Script"/>.</summary>
public static class RouteScripts
{
    /// <summary>
    /// The configured script: the class named by <see cref="RoutingSettings.Script"/> (a constructor taking
    /// <see cref="RoutingSettings"/>, or none), else <see cref="StaticRouteScript"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The class cannot be found, created, or is not an <see cref="IRouteScript"/>.</exception>
    public static IRouteScript Create(RoutingSettings settings)
    {
        if (settings.Script.Length == 0)
        {
            return new StaticRouteScript(settings);
        }

        var type = Type.GetType(settings.Script, throwOnError: false)
            ?? throw new ArgumentException($"class '{settings.Script}' not found (use an assembly-qualified name)");
        if (!typeof(IRouteScript).IsAssignableFrom(type))
        {
            throw new ArgumentException($"'{settings.Script}' does not implement {nameof(IRouteScript)}");
        }

        var instance = type.GetConstructor([typeof(RoutingSettings)]) is { } withSettings
            ? withSettings.Invoke([settings])
            : Activator.CreateInstance(type);
        return (IRouteScript)(instance ?? throw new ArgumentException($"'{settings.Script}' could not be created", nameof(settings)));
    }
}
