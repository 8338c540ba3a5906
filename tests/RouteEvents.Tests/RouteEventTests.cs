using ClusterSip.Sip.Stack.Routing;
using Xunit;

namespace ClusterSip.RouteEvents.Tests;

public sealed class RouteEventTests
{
    private static readonly RouteEvent Register = RouteEvent.Of("REGISTER", ("aor", "sip:bob@example.com"), ("contact", "sip:bob@10.0.0.1"));

    [Fact]
    public void A_filter_matches_when_every_attribute_it_names_has_exactly_its_value()
    {
        Assert.True(Register.Matches(new Dictionary<string, string> { ["aor"] = "sip:bob@example.com" }));
        Assert.True(Register.Matches(new Dictionary<string, string>()));
        Assert.False(Register.Matches(new Dictionary<string, string> { ["aor"] = "sip:BOB@example.com" }));
        Assert.False(Register.Matches(new Dictionary<string, string> { ["aor"] = "sip:bob@example.com", ["expires"] = "60" }));
    }
}
