using ClusterSip.Sip.Stack.Routing;
using ClusterSip.Node.Configuration;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.Node.Tests;

/// <summary>cluster-sip.routing as the node reads it: static routes, default destinations, the no-answer URI and the script.</summary>
public sealed class RoutingSectionTests
{
    [Fact]
    public void Reads_routes_default_destinations_and_no_answer_uri()
    {
        var s = TestConfiguration.Load(
            """cluster-sip.routing.routes=[ { domain = "example.com", destinations = ["sip:10.0.0.1:5060", "sip:10.0.0.2:5060;transport=tcp"] }, { domain = "other.org", destinations = ["sip:10.0.0.9"] } ]""",
            """cluster-sip.routing.default-destinations=["sip:10.0.0.5"]""",
            "cluster-sip.routing.no-answer-uri=sip:vm@10.0.0.7",
            "cluster-sip.routing.record-route=off").Settings.Routing;

        Assert.Equal(2, s.Routes.Count);
        Assert.Equal("example.com", s.Routes[0].Domain);
        Assert.Equal(["sip:10.0.0.1:5060", "sip:10.0.0.2:5060;transport=tcp"], s.Routes[0].Destinations.Select(d => d.ToString()));
        Assert.Equal("sip:10.0.0.9", Assert.Single(s.DestinationsFor("OTHER.org")).ToString());
        Assert.Equal("sip:10.0.0.5", Assert.Single(s.DestinationsFor("nowhere.net")).ToString());
        Assert.Equal("sip:vm@10.0.0.7", s.NoAnswerUri!.ToString());
        Assert.False(s.RecordRoute);
        Assert.IsType<StaticRouteScript>(RouteScripts.Create(s));
    }

    [Fact]
    public void Defaults_mean_no_routes_and_404()
    {
        var s = TestConfiguration.Load().Settings.Routing;
        Assert.Empty(s.Routes);
        Assert.Empty(s.DestinationsFor("example.com"));
        Assert.Null(s.NoAnswerUri);
        Assert.True(s.RecordRoute);
        Assert.IsType<StaticRouteScript>(RouteScripts.Create(s));
    }

    [Theory]
    [InlineData("""cluster-sip.routing.routes=[ { destinations = ["sip:1.2.3.4"] } ]""", "cluster-sip.routing.routes[0].domain")]
    [InlineData("""cluster-sip.routing.routes=[ { domain = "a.b", destinations = [] } ]""", "cluster-sip.routing.routes[0].destinations")]
    [InlineData("""cluster-sip.routing.routes=[ { domain = "a.b", destinations = ["http://x"] } ]""", "cluster-sip.routing.routes[0].destinations")]
    [InlineData("""cluster-sip.routing.routes=["example.com"]""", "cluster-sip.routing.routes[0]")]
    [InlineData("""cluster-sip.routing.default-destinations=["not a uri"]""", "cluster-sip.routing.default-destinations[0]")]
    [InlineData("cluster-sip.routing.no-answer-uri=\"tel:+123\"", "cluster-sip.routing.no-answer-uri")]
    [InlineData("cluster-sip.routing.script=No.Such.Type", "cluster-sip.routing.script")]
    [InlineData("cluster-sip.routing.script=\"System.String, System.Private.CoreLib\"", "cluster-sip.routing.script")]
    public void Bad_values_stop_the_node_naming_the_key_and_where_it_was_set(string set, string key)
    {
        var error = Assert.Throws<ConfigurationException>(() => TestConfiguration.Load(set));
        Assert.Equal(key, error.Key);
        Assert.StartsWith(key + " ", error.Message, StringComparison.Ordinal);
        Assert.Contains("set in --set ", error.Message, StringComparison.Ordinal);
    }
}
