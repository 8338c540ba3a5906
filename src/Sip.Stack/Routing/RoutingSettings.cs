using Akka.Configuration;
using Akka.Configuration.Hocon;
using ClusterSip.Sip.Stack.Transactions;
using ClusterSip.Sip.Uris;

namespace ClusterSip.Sip.Stack.Routing;

/// <summary>A static route: requests for <see cref="Domain"/> go to the first destination, then fail over in order.</summary>
public sealed record StaticRoute(string Domain, IReadOnlyList<SipUri> Destinations);

/// <summary>The <c>cluster-sip.routing</c> section: the static routes of the default script, or a custom script class.</summary>
public sealed record RoutingSettings
{
    public const string SectionPath = "cluster-sip.routing";

    public static readonly RoutingSettings Default = new();

    /// <summary><c>routes</c>: domain → ordered destinations.</summary>
    public IReadOnlyList<StaticRoute> Routes { get; init; } = [];

    /// <summary><c>default-destinations</c>: used when no route matches the Request-URI's domain; empty = 404.</summary>
    public IReadOnlyList<SipUri> DefaultDestinations { get; init; } = [];

    /// <summary><c>no-answer-uri</c>: where an INVITE goes when it rang for fr_inv_timer without an answer; null = nowhere.</summary>
    public SipUri? NoAnswerUri { get; init; }

    /// <summary><c>record-route</c>: the default script Record-Routes dialog-creating requests.</summary>
    public bool RecordRoute { get; init; } = true;

    /// <summary><c>script</c>: assembly-qualified name of a custom <see cref="IRouteScript"/>; empty = <see cref="StaticRouteScript"/>.</summary>
    public string Script { get; init; } = string.Empty;

    /// <summary>The destinations for a Request-URI host: its route's, else the default ones.</summary>
    public IReadOnlyList<SipUri> DestinationsFor(string host)
    {
        foreach (var route in Routes)
        {
            if (string.Equals(route.Domain, host, StringComparison.OrdinalIgnoreCase))
            {
                return route.Destinations;
            }
        }

        return DefaultDestinations;
    }

    /// <exception cref="ConfigurationException">A value is malformed; the message names the key.</exception>
    public static RoutingSettings FromConfig(Config? section)
    {
        if (section is null || section.IsEmpty)
        {
            return Default;
        }

        var r = new ConfigReader(section, SectionPath);
        var noAnswer = r.String("no-answer-uri");
        return new RoutingSettings
        {
            Routes = ReadRoutes(section, r),
            DefaultDestinations = r.StringList("default-destinations").Select(d => ParseUri(r, "default-destinations", d)).ToList(),
            NoAnswerUri = noAnswer.Length == 0 ? null : ParseUri(r, "no-answer-uri", noAnswer),
            RecordRoute = r.Flag("record-route", true),
            Script = r.String("script"),
        };
    }

    private static List<StaticRoute> ReadRoutes(Config section, ConfigReader r)
    {
        var routes = new List<StaticRoute>();
        if (!section.HasPath("routes"))
        {
            return routes;
        }

        var items = section.GetValue("routes").GetArray();
        for (var i = 0; i < items.Count; i++)
        {
            var key = $"routes[{i}]";
            if (!items[i].IsObject())
            {
                throw r.Error(key, "must be an object { domain = \"...\", destinations = [ ... ] }.");
            }

            var item = new Config(new HoconRoot(items[i]));
            var domain = item.GetString("domain", string.Empty);
            if (string.IsNullOrWhiteSpace(domain))
            {
                throw r.Error(key + ".domain", "is missing.");
            }

            var destinations = item.HasPath("destinations") ? item.GetStringList("destinations") : [];
            if (destinations.Count == 0)
            {
                throw r.Error(key + ".destinations", "must list at least one SIP URI.");
            }

            routes.Add(new StaticRoute(domain, destinations.Select(d => ParseUri(r, key + ".destinations", d)).ToList()));
        }

        return routes;
    }

    private static SipUri ParseUri(ConfigReader r, string key, string text) =>
        AnyUri.TryParse(text, out var uri) && uri is SipUri sip ? sip : throw r.Error(key, $"'{text}' is not a SIP URI.");
}
