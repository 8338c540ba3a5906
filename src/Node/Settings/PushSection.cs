using ClusterSip.Node.Configuration;
using ClusterSip.Registrar.Push;
using ClusterSip.Registrar.Routing;
using ClusterSip.Sip.Stack.Routing;

namespace ClusterSip.Node.Settings;

/// <summary>cluster-sip.push: the push wake-up script's settings; that script needs the registrar on.</summary>
public static class PushSection
{
    private const string Section = "cluster-sip.push";

    public static PushSettings Read(SettingsReader reader, RoutingSettings routing, RegistrarSettings registrar)
    {
        if (routing.Script == PushWakeupRouteScript.Name && !registrar.Enabled)
            throw reader.Invalid("cluster-sip.routing.script", $"\"{PushWakeupRouteScript.Name}\" wakes registered users: set cluster-sip.registrar.domains");

        var url = reader.String($"{Section}.url");
        Uri? parsed = null;
        if (url.Length > 0 && (!Uri.TryCreate(url, UriKind.Absolute, out parsed) || parsed.Scheme is not ("http" or "https")))
            throw reader.Invalid($"{Section}.url", "expected an http:// or https:// URL, or \"\" for no push");

        return new PushSettings(parsed, reader.Duration($"{Section}.timeout"), reader.Duration($"{Section}.http-timeout"));
    }
}
