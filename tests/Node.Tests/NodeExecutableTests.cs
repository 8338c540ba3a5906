using System.Net;
using ClusterSip.Node.Hosting;
using ClusterSip.Node.Tests.Support;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.Node.Tests;

[Collection(NodesCollection.Name)]
public sealed class NodeExecutableTests
{
    [Fact]
    public async Task The_executable_runs_a_single_node_cluster_and_leaves_it_on_SIGTERM()
    {
        using var workingDirectory = new TempDirectory("exe");
        int remoting = FreePorts.Next(), management = FreePorts.Next(), sip = FreePorts.Next(), iproxy = FreePorts.Next();
        await using var node = NodeProcess.Start(workingDirectory.Path,
            "--config", Repository.ShippedHocon("single-node.conf"),
            "--set", $"akka.remote.dot-netty.tcp.port={remoting}",
            "--set", $"cluster-sip.management.port={management}",
            "--set", $"cluster-sip.sip.listen=[\"udp:127.0.0.1:{sip}\", \"tcp:127.0.0.1:{sip}\"]",
            "--set", $"cluster-sip.interaction-proxy.port={iproxy}");
        using var api = new ManagementClient(new Uri($"http://127.0.0.1:{management}"));

        await api.WaitUntilReadyAsync();
        var members = await api.MembersAsync();
        var member = Assert.Single(members.Members);
        Assert.Equal(($"akka.tcp://cluster-sip@127.0.0.1:{remoting}", "Up"), (member.Node, member.Status));
        Assert.Contains($"management listening on http://127.0.0.1:{management}/", node.Output);
        Assert.Contains($"sip-udp:127.0.0.1:{sip} listening on udp:127.0.0.1:{sip}", node.Output);
        Assert.Contains($"sip-tcp:127.0.0.1:{sip} listening on tcp:127.0.0.1:{sip}", node.Output);
        Assert.Contains($"iproxy listening on tcp:127.0.0.1:{iproxy}", node.Output);
        Assert.StartsWith("SIP/2.0 404 ", await SipProbe.OptionsOverUdpAsync(new IPEndPoint(IPAddress.Loopback, sip)));
        Assert.Contains($"node=cluster-sip@127.0.0.1:{remoting}", node.Output);

        node.Terminate();

        Assert.Equal(ExitCodes.Success, await node.WaitForExitAsync());
        Assert.Contains("stopping: leaving the cluster", node.Output);
        Assert.Contains($"Marked address [akka.tcp://cluster-sip@127.0.0.1:{remoting}] as [Leaving]", node.Output);
        Assert.True(Directory.Exists(Path.Combine(workingDirectory.Path, "data")), "the node creates ./data for its journal");
    }

    [Fact]
    public async Task The_executable_refuses_an_unknown_key_naming_it_and_exits_non_zero()
    {
        using var workingDirectory = new TempDirectory("exe");
        var config = Path.Combine(workingDirectory.Path, "typo.conf");
        await File.WriteAllTextAsync(config, "cluster-sip.managment.port = 18558\n");
        await using var node = NodeProcess.Start(workingDirectory.Path, "--config", config);

        Assert.Equal(ExitCodes.ConfigurationError, await node.WaitForExitAsync());
        Assert.Contains($"configuration error: unknown key 'cluster-sip.managment.port' in {config}", node.Output);
        Assert.False(Directory.Exists(Path.Combine(workingDirectory.Path, "data")), "nothing starts with a bad configuration");
    }
}
