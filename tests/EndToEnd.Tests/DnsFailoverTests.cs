using ClusterSip.EndToEnd.Tests.Support;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.EndToEnd.Tests;

/// <summary>RFC 3263 through a running node: the next hop is a name whose SRV records list two callees.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class DnsFailoverTests
{
    [Fact]
    public async Task A_503_from_the_first_srv_target_fails_over_to_the_second()
    {
        int unavailablePort = FreePorts.Next(), answeringPort = FreePorts.Next();
        using var dns = new Dnsmasq(
            $"--srv-host=_sip._udp.callees.test,first.callees.test,{unavailablePort},10,0",
            $"--srv-host=_sip._udp.callees.test,second.callees.test,{answeringPort},20,0",
            "--host-record=first.callees.test,127.0.0.1",
            "--host-record=second.callees.test,127.0.0.1");
        await using var unavailable = await Sipp.StartCalleeAsync(unavailablePort, "-sf", Sipp.Scenario("uas-unavailable.xml"), "-m", "3");
        await using var answering = await Sipp.StartCalleeAsync(answeringPort, "-sn", "uas");
        await using var node = await ProxyNode.StartAsync(
            $"cluster-sip.sip.dns.servers=[\"{dns.EndPoint}\"]",
            "cluster-sip.routing.default-destinations=[\"sip:callees.test\"]");

        var run = await Sipp.RunAsync(TimeSpan.FromSeconds(90),
            "-sf", Sipp.Scenario("uac-rr.xml"), node.Target, "-i", "127.0.0.1", "-p", FreePorts.Next().ToString(),
            "-m", "3", "-r", "10", "-timeout", "60s");

        Assert.True(run.ExitCode == 0 && run.SuccessfulCalls == 3, run.ToString());
        var first = await unavailable.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(first.ExitCode == 0 && first.SuccessfulCalls == 3, first.ToString()); // every call tried it first
    }
}
