using ClusterSip.EndToEnd.Tests.Support;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.EndToEnd.Tests;

/// <summary>
/// Calls through a running node with SIPp as caller and callees, over real loopback sockets: the flows of the SER tm
/// module (t_relay, failure routes, forwarding on no answer, forking, CANCEL) as an operator would try them.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ProxyCallTests
{
    private static readonly TimeSpan CallerLimit = TimeSpan.FromSeconds(90);

    private static string[] Caller(ProxyNode node, string scenario, int calls, params string[] extra) =>
    [
        "-sf", Sipp.Scenario(scenario), node.Target, "-i", "127.0.0.1", "-p", FreePorts.Next().ToString(),
        "-m", calls.ToString(), "-r", "10", "-timeout", "60s", .. extra,
    ];

    private static void AssertAllSucceeded(SippRun run, int calls)
    {
        Assert.True(run.ExitCode == 0 && run.SuccessfulCalls == calls, run.ToString());
    }

    [Theory]
    [InlineData("udp", "udp")]
    [InlineData("tcp", "udp")]
    [InlineData("udp", "tcp")]
    public async Task A_basic_call_goes_through_the_proxy(string callerTransport, string calleeTransport)
    {
        var calleePort = FreePorts.Next();
        var tcpCallee = calleeTransport == "tcp";
        await using var callee = await Sipp.StartCalleeAsync(calleePort, ["-sn", "uas", .. tcpCallee ? new[] { "-t", "t1" } : []]);
        await using var node = await ProxyNode.StartAsync(
            $"cluster-sip.routing.default-destinations=[\"sip:127.0.0.1:{calleePort}{(tcpCallee ? ";transport=tcp" : "")}\"]");

        var run = await Sipp.RunAsync(CallerLimit, Caller(node, "uac-rr.xml", 5, callerTransport == "tcp" ? ["-t", "t1"] : []));

        AssertAllSucceeded(run, 5);
    }

    [Fact]
    public async Task A_busy_callee_sends_the_call_through_the_failure_route_to_the_next_callee()
    {
        int busyPort = FreePorts.Next(), secondPort = FreePorts.Next();
        await using var busy = await Sipp.StartCalleeAsync(busyPort, "-sf", Sipp.Scenario("uas-busy.xml"), "-m", "3");
        await using var second = await Sipp.StartCalleeAsync(secondPort, "-sn", "uas");
        await using var node = await ProxyNode.StartAsync(
            $"cluster-sip.routing.script={typeof(TestScript).AssemblyQualifiedName}",
            $"cluster-sip.routing.routes=[{{ domain = \"busy.test\", destinations = [\"sip:127.0.0.1:{busyPort}\", \"sip:127.0.0.1:{secondPort}\"] }}]");

        var run = await Sipp.RunAsync(CallerLimit, Caller(node, "uac-rr.xml", 3, "-s", "busy"));

        AssertAllSucceeded(run, 3);
        AssertAllSucceeded(await busy.WaitForExitAsync(CallerLimit), 3);
    }

    [Fact]
    public async Task An_unanswered_call_is_cancelled_after_fr_inv_timer_and_forwarded_to_voicemail()
    {
        int ringingPort = FreePorts.Next(), voicemailPort = FreePorts.Next();
        await using var ringing = await Sipp.StartCalleeAsync(ringingPort, "-sf", Sipp.Scenario("uas-no-answer.xml"), "-m", "2");
        await using var voicemail = await Sipp.StartCalleeAsync(voicemailPort, "-sn", "uas");
        await using var node = await ProxyNode.StartAsync(
            "cluster-sip.tm.fr_inv_timer=2",
            $"cluster-sip.routing.default-destinations=[\"sip:127.0.0.1:{ringingPort}\"]",
            $"cluster-sip.routing.no-answer-uri=\"sip:voicemail@127.0.0.1:{voicemailPort}\"");

        var run = await Sipp.RunAsync(CallerLimit, Caller(node, "uac-rr.xml", 2));

        AssertAllSucceeded(run, 2);
        AssertAllSucceeded(await ringing.WaitForExitAsync(CallerLimit), 2); // each got its CANCEL and sent 487
    }

    [Fact]
    public async Task A_parallel_fork_answered_by_one_callee_cancels_the_other()
    {
        int answeringPort = FreePorts.Next(), ringingPort = FreePorts.Next();
        await using var answering = await Sipp.StartCalleeAsync(answeringPort, "-sn", "uas");
        await using var ringing = await Sipp.StartCalleeAsync(ringingPort, "-sf", Sipp.Scenario("uas-no-answer.xml"), "-m", "3");
        await using var node = await ProxyNode.StartAsync(
            $"cluster-sip.routing.script={typeof(TestScript).AssemblyQualifiedName}",
            $"cluster-sip.routing.routes=[{{ domain = \"fork.test\", destinations = [\"sip:127.0.0.1:{answeringPort}\", \"sip:127.0.0.1:{ringingPort}\"] }}]");

        var run = await Sipp.RunAsync(CallerLimit, Caller(node, "uac-rr.xml", 3, "-s", "fork"));

        AssertAllSucceeded(run, 3);
        AssertAllSucceeded(await ringing.WaitForExitAsync(CallerLimit), 3); // CANCEL, 200, 487, ACK each time
    }

    [Fact]
    public async Task The_caller_cancels_while_it_rings()
    {
        var calleePort = FreePorts.Next();
        await using var callee = await Sipp.StartCalleeAsync(calleePort, "-sf", Sipp.Scenario("uas-no-answer.xml"), "-m", "3");
        await using var node = await ProxyNode.StartAsync($"cluster-sip.routing.default-destinations=[\"sip:127.0.0.1:{calleePort}\"]");

        var run = await Sipp.RunAsync(CallerLimit, Caller(node, "uac-cancel.xml", 3));

        AssertAllSucceeded(run, 3);
        AssertAllSucceeded(await callee.WaitForExitAsync(CallerLimit), 3);
    }

    [Fact]
    public async Task Every_call_completes_through_retransmissions_when_a_tenth_of_the_packets_are_lost()
    {
        var calleePort = FreePorts.Next();
        await using var callee = await Sipp.StartCalleeAsync(calleePort, "-sn", "uas");
        // wt_timer = 64*T1: a finished BYE transaction then absorbs retransmissions as long as the caller sends them
        // (the tm default of 5 s relies on the callee's own transaction answering a late one, which SIPp's uas lacks).
        await using var node = await ProxyNode.StartAsync(
            $"cluster-sip.routing.default-destinations=[\"sip:127.0.0.1:{calleePort}\"]",
            "cluster-sip.tm.wt_timer=32");

        var run = await Sipp.RunAsync(CallerLimit, Caller(node, "uac-rr.xml", 20, "-lost", "10"));

        AssertAllSucceeded(run, 20);
    }
}
