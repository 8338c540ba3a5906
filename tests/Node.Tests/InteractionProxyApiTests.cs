using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ClusterSip.InteractionProxy;
using ClusterSip.InteractionProxy.Clusters;
using ClusterSip.InteractionProxy.Sessions;
using ClusterSip.Node.InteractionProxy;
using ClusterSip.Node.Management;
using ClusterSip.Node.Tests.Support;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.Node.Tests;

[Collection(NodesCollection.Name)]
public sealed class InteractionProxyApiTests
{
    [Fact]
    public async Task The_node_serves_iproxy_clients_and_shows_their_sessions_clusters_and_statistics()
    {
        var port = FreePorts.Next();
        await using var node = await InProcessNode.StartAsync(
            features: [new InteractionProxyFeature(_ => new CallstoreGroups([]))],
            sets: [$"cluster-sip.interaction-proxy.port={port}", "cluster-sip.interaction-proxy.secrets={ guarded = \"s3cret\" }"]);
        Assert.Contains(node.Node.Listeners.Listeners, l => l.Name == "iproxy" && l.Bound && l.Endpoint == $"tcp:127.0.0.1:{port}");

        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        var stream = tcp.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        await stream.WriteAsync("""{"message":"TPrivateService","AttributeExtensions":{"ClusterId":"crm","NodeId":"agent-1","SessionId":"s-api"}}"""u8.ToArray().Append((byte)'\n').ToArray());
        var ack = JsonDocument.Parse((await reader.ReadLineAsync())!).RootElement;
        Assert.Equal("reset", ack.GetProperty("AttributeExtensions").GetProperty("session-status").GetString());
        var endOfSnapshot = JsonDocument.Parse((await reader.ReadLineAsync())!).RootElement;
        Assert.Equal(8210, endOfSnapshot.GetProperty("MsgID").GetInt32());

        var sessions = await node.Api.GetJsonAsync<List<SessionInfo>>("/iproxy/sessions");
        var session = Assert.Single(sessions);
        Assert.Equal(("s-api", "crm", "agent-1", true, 1, "0000000000000001"),
            (session.SessionId, session.ClusterId, session.NodeId, session.Connected, session.EventsInCache, session.LastSequenceId));
        Assert.Equal(node.Address, session.Node);

        var cluster = await node.Api.GetJsonAsync<ClientClusterInfo>("/iproxy/clusters/crm");
        Assert.Equal("agent-1", Assert.Single(cluster.Nodes).NodeId);
        Assert.Equal(HttpStatusCode.NotFound, await node.Api.StatusOfAsync("/iproxy/clusters/nobody"));

        var statistics = await node.Api.GetJsonAsync<StatisticsResponse>("/statistics/iproxy");
        Assert.Equal(1, statistics.Statistics["registrations"]);
        Assert.Equal(1, statistics.Statistics["open_connections"]);
    }

    [Fact]
    public async Task A_secret_that_is_not_a_string_stops_the_node_naming_the_key()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => InProcessNode.StartAsync(
            features: [], sets: ["cluster-sip.interaction-proxy.secrets={ crm = [1, 2] }"]));
        Assert.Contains("cluster-sip.interaction-proxy.secrets", error.Message);
    }
}
