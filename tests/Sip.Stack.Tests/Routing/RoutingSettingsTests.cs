using Akka.Configuration;
using ClusterSip.Sip.Stack.Routing;
using Xunit;

namespace ClusterSip.Sip.Stack.Tests.Routing;

public sealed class RoutingSettingsTests
{
    [Fact]
    public void Reads_routes_default_destinations_and_no_answer_uri()
    {
        var s = RoutingSettings.FromConfig(ConfigurationFactory.ParseString("""
            routes = [
              { domain = "example.com", destinations = ["sip:10.0.0.1:5060", "sip:10.0.0.2:5060;transport=tcp"] }
              { domain = "other.org", destinations = ["sip:10.0.0.9"] }
            ]
            default-destinations = ["sip:10.0.0.5"]
            no-answer-uri = "sip:vm@10.0.0.7"
            record-route = off
            """));
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
        var s = RoutingSettings.FromConfig(ConfigurationFactory.ParseString("script = \"\""));
        Assert.Empty(s.Routes);
        Assert.Empty(s.DestinationsFor("example.com"));
        Assert.Null(s.NoAnswerUri);
        Assert.True(s.RecordRoute);
    }

    [Theory]
    [InlineData("routes = [ { destinations = [\"sip:1.2.3.4\"] } ]", "cluster-sip.routing.routes[0].domain")]
    [InlineData("routes = [ { domain = \"a.b\", destinations = [] } ]", "cluster-sip.routing.routes[0].destinations")]
    [InlineData("routes = [ { domain = \"a.b\", destinations = [\"http://x\"] } ]", "cluster-sip.routing.routes[0].destinations")]
    [InlineData("default-destinations = [\"not a uri\"]", "cluster-sip.routing.default-destinations")]
    [InlineData("no-answer-uri = \"tel:+123\"", "cluster-sip.routing.no-answer-uri")]
    public void Bad_values_are_rejected_naming_the_key(string hocon, string key)
    {
        var e = Assert.Throws<ConfigurationException>(() => RoutingSettings.FromConfig(ConfigurationFactory.ParseString(hocon)));
        Assert.StartsWith(key, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_custom_script_class_is_created_by_name()
    {
        var s = new RoutingSettings { Script = typeof(CustomScript).AssemblyQualifiedName! };
        Assert.IsType<CustomScript>(RouteScripts.Create(s));
        Assert.Throws<ConfigurationException>(() => RouteScripts.Create(new RoutingSettings { Script = "No.Such.Type" }));
        Assert.Throws<ConfigurationException>(() => RouteScripts.Create(new RoutingSettings { Script = typeof(string).AssemblyQualifiedName! }));
    }

    public sealed class CustomScript(RoutingSettings settings) : IRouteScript
    {
        public RoutingSettings Settings { get; } = settings;

        public void OnRequest(RouteContext context) => context.TReply(403, "Forbidden");
    }
}
