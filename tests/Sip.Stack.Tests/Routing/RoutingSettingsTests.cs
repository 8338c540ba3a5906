using ClusterSip.Sip.Stack.Routing;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.Sip.Stack.Tests.Routing;

public sealed class RoutingSettingsTests
{
    [Fact]
    public void A_custom_script_class_is_created_by_name()
    {
        var s = NodeConfDefaults.Routing with { Script = typeof(CustomScript).AssemblyQualifiedName! };
        Assert.Same(s, Assert.IsType<CustomScript>(RouteScripts.Create(s)).Settings);
        Assert.Contains("not found", Assert.Throws<ArgumentException>(() => RouteScripts.Create(NodeConfDefaults.Routing with { Script = "No.Such.Type" })).Message);
        Assert.Contains("does not implement IRouteScript",
            Assert.Throws<ArgumentException>(() => RouteScripts.Create(NodeConfDefaults.Routing with { Script = typeof(string).AssemblyQualifiedName! })).Message);
    }

    public sealed class CustomScript(RoutingSettings settings) : IRouteScript
    {
        public RoutingSettings Settings { get; } = settings;

        public void OnRequest(RouteContext context) => context.TReply(403, "Forbidden");
    }
}
