using ClusterSip.Registrar.Location;
using ClusterSip.Registrar.Routing;

namespace ClusterSip.Registrar.Tests.Location;

public sealed class WebSocketFlowsTests
{
    [Theory]
    [InlineData("ws:127.0.0.1:51234", "sip:127.0.0.1:51234;transport=ws")]
    [InlineData("wss:::1:443", "sip:[::1]:443;transport=wss")]
    [InlineData("udp:127.0.0.1:5060", null)]
    [InlineData("tls:127.0.0.1:5061", null)]
    [InlineData(null, null)]
    public void A_binding_registered_over_WebSocket_is_reached_at_its_received_address(string? received, string? expected)
    {
        var binding = new Binding("sip:bob@x.invalid;transport=ws", "<sip:bob@x.invalid;transport=ws>", DateTimeOffset.MaxValue, null, "c", 1, [], received, null, null, null, "node");

        Assert.Equal(expected, WebSocketFlows.Of(binding)?.ToString());
    }
}
