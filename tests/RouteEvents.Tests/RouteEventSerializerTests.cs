using System.Runtime.Serialization;
using Akka.Actor;
using ClusterSip.Sip.Stack.Routing;
using Xunit;

namespace ClusterSip.RouteEvents.Tests;

public sealed class RouteEventSerializerTests : IAsyncLifetime
{
    private ActorSystem _system = null!;

    public Task InitializeAsync()
    {
        _system = ActorSystem.Create("serializer", TwoNodes.Config());
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _system.Terminate();

    [Fact]
    public void Node_conf_binds_route_events_to_their_serializer_and_an_event_survives_the_round_trip()
    {
        var routeEvent = RouteEvent.Of("REGISTER", ("aor", "sip:bob@example.com"), ("contact", "sip:bob@192.0.2.4;ob"), ("note", "ÄÖ 東京"), ("empty", ""));
        var serializer = Assert.IsType<RouteEventSerializer>(_system.Serialization.FindSerializerFor(routeEvent));

        var bytes = serializer.ToBinary(routeEvent);
        var back = Assert.IsType<RouteEvent>(_system.Serialization.Deserialize(bytes, serializer.Identifier, serializer.Manifest(routeEvent)));
        Assert.Equal("REGISTER", back.Name);
        Assert.Equal(routeEvent.Attributes.OrderBy(a => a.Key), back.Attributes.OrderBy(a => a.Key));
        Assert.True(back.Matches(new Dictionary<string, string> { ["aor"] = "sip:bob@example.com" }));
    }

    [Fact]
    public void An_unknown_manifest_is_refused_by_name()
    {
        var serializer = (RouteEventSerializer)_system.Serialization.FindSerializerForType(typeof(RouteEvent));
        var error = Assert.Throws<SerializationException>(() => serializer.FromBinary([], "X"));
        Assert.Contains("'X'", error.Message);
    }

    [Fact]
    public void Something_other_than_a_route_event_is_refused() =>
        Assert.Throws<ArgumentException>(() => ((RouteEventSerializer)_system.Serialization.FindSerializerForType(typeof(RouteEvent))).Manifest("text"));
}
