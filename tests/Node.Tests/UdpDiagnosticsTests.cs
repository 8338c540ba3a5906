using ClusterSip.Tests.Support;
using ClusterSip.Node.Tests.Support;
using Xunit;

namespace ClusterSip.Node.Tests;

/// <summary>What a node with a UDP listener tells operators about its receive buffer and overflows.</summary>
[Collection(NodesCollection.Name)]
public sealed class UdpDiagnosticsTests(TokenNodeFixture fixture) : IClassFixture<TokenNodeFixture>
{
    private InProcessNode Node => fixture.Node;

    [Fact]
    public async Task The_udp_listener_s_receive_buffer_is_logged_at_start()
    {
        await Node.WaitForLogAsync($"UDP listener udp:{fixture.Sip}: receive buffer is ");
    }

    [Fact]
    public async Task Receive_buffer_overflows_are_on_metrics_where_proc_net_snmp_is()
    {
        var metrics = await (await Node.Api.GetAsync("/metrics")).Content.ReadAsStringAsync();

        if (File.Exists("/proc/net/snmp"))
            Assert.Contains("clustersip_sip_udp_receive_buffer_errors ", metrics);
        else
            await Node.WaitForLogAsync("UDP overflow monitor disabled");
    }
}
