using ClusterSip.Node.Configuration;
using ClusterSip.Node.Sip;
using ClusterSip.Sip.Stack.Routing;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Node.Settings;

/// <summary>cluster-sip.routing: the default script's static routes, or the class of a custom script.</summary>
public static class RoutingSection
{
    private const string Section = "cluster-sip.routing";

    public static RoutingSettings Read(SettingsReader reader)
    {
        var noAnswer = reader.String($"{Section}.no-answer-uri");
        var settings = new RoutingSettings
        {
            Routes = ReadRoutes(reader),
            DefaultDestinations = reader.ParsedList($"{Section}.default-destinations", ParseUri),
            NoAnswerUri = noAnswer.Length == 0
                ? null
                : ParseUri(noAnswer) is (SipUri uri, null) ? uri : throw reader.Invalid($"{Section}.no-answer-uri", NotASipUri),
            RecordRoute = reader.Flag($"{Section}.record-route"),
            Script = reader.String($"{Section}.script"),
        };

        // The script class is resolved now so that a wrong name stops the node at start; the node's own scripts are
        // known by name.
        try
        {
            if (!BuiltInScripts.IsBuiltIn(settings.Script))
                RouteScripts.Create(settings);
        }
        catch (ArgumentException e)
        {
            throw reader.Invalid($"{Section}.script", e.Message);
        }

        return settings;
    }

    private const string NotASipUri = "expected a SIP URI, e.g. \"sip:10.0.0.1:5060\"";

    private static List<StaticRoute> ReadRoutes(SettingsReader reader)
    {
        var path = $"{Section}.routes";
        var items = reader.ObjectList(path);
        var routes = new List<StaticRoute>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var domain = items[i].HasPath("domain") ? items[i].GetString("domain", "") : "";
            if (string.IsNullOrWhiteSpace(domain))
                throw reader.Element(path, i, "is missing (the domain this route is for)", "domain");

            var destinations = items[i].HasPath("destinations") ? items[i].GetStringList("destinations") : [];
            if (destinations.Count == 0)
                throw reader.Element(path, i, "must list at least one SIP URI", "destinations");

            var uris = new List<SipUri>(destinations.Count);
            foreach (var destination in destinations)
            {
                uris.Add(ParseUri(destination) is (SipUri uri, null)
                    ? uri
                    : throw reader.Element(path, i, $"\"{destination}\": {NotASipUri}", "destinations"));
            }

            routes.Add(new StaticRoute(domain, uris));
        }

        return routes;
    }

    private static (SipUri? Value, string? Error) ParseUri(string text) =>
        AnyUri.TryParse(text, out var uri) && uri is SipUri sip ? (sip, null) : (null, NotASipUri);
}
