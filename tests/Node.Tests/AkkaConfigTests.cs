using Akka.Actor;
using ClusterSip.CallEvents;
using ClusterSip.Node.Configuration;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.Node.Tests;

public class AkkaConfigTests
{
    [Fact]
    public async Task The_node_carries_call_events_between_nodes_with_the_contract_serializer()
    {
        var config = Akka.Configuration.ConfigurationFactory.ParseString("akka.actor.provider = local")
            .WithFallback(AkkaConfig.Build(TestConfiguration.Load()));
        var system = ActorSystem.Create("akka-config", config);
        try
        {
            Assert.IsType<CallEventsSerializer>(system.Serialization.FindSerializerForType(typeof(CallEventAck)));
            Assert.IsType<CallEventsSerializer>(system.Serialization.FindSerializerForType(typeof(CallFailed)));
        }
        finally
        {
            await system.Terminate();
        }
    }
}
