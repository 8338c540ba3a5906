using ClusterSip.Sip.Uris;

namespace ClusterSip.Sip.Stack.Routing;

/// <summary>A static route: requests for <see cref="Domain"/> go to the first destination, then fail over in order.</summary>
public sealed record StaticRoute(string Domain, IReadOnlyList<SipUri> Destinations);

/// <summary>
/// The static routes of the default script, or a custom script class; the node reads them from <c>cluster-sip.routing</c>
/// (defaults and comments in hocon/node.conf).
/// </summary>
public sealed record RoutingSettings
{
    /// <summary><c>routes</c>: domain → ordered destinations.</summary>
    public required IReadOnlyList<StaticRoute> Routes { get; init; }

    /// <summary><c>default-destinations</c>: used when no route matches the Request-URI's domain; empty = 404.</summary>
    public required IReadOnlyList<SipUri> DefaultDestinations { get; init; }

    /// <summary><c>no-answer-uri</c>: where an INVITE goes when it rang for fr_inv_timer without an answer; null = nowhere.</summary>
    public required SipUri? NoAnswerUri { get; init; }

    /// <summary><c>record-route</c>: the default script Record-Routes dialog-creating requests.</summary>
    public required bool RecordRoute { get; init; }

    /// <summary><c>script</c>: assembly-qualified name of a custom <see cref="IRouteScript"/>; empty = <see cref="StaticRouteScript"/>.</summary>
    public required string Script { get; init; }

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
}
