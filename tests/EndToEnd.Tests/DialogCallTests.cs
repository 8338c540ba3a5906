using System.Collections.Concurrent;
using Akka.Actor;
using ClusterSip.CallEvents;
using ClusterSip.EndToEnd.Tests.Support;
using ClusterSip.Node.Sip;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.EndToEnd.Tests;

/// <summary>
/// Calls whose dialogs the node tracks (the default), with SIPp peers that ignore Record-Route: the node matches their
/// ACK and BYE, sent to its own address without Route, to the dialog and relays them to the other party. A test
/// subscriber in the node receives every call's events.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class DialogCallTests
{
    private static readonly TimeSpan CallerLimit = TimeSpan.FromSeconds(90);

    private readonly ConcurrentDictionary<(string, long), CallEvent> _events = new();

    [Fact]
    public async Task Sipp_builtin_uac_completes_every_call_through_the_node_to_sipp_uas()
    {
        var calleePort = FreePorts.Next();
        await using var callee = await Sipp.StartCalleeAsync(calleePort, "-sn", "uas");
        await using var node = await StartNode(calleePort);

        var run = await Sipp.RunAsync(CallerLimit, "-sn", "uac", node.Target, "-i", "127.0.0.1", "-p", FreePorts.Next().ToString(), "-m", "5", "-r", "10", "-timeout", "60s");

        Assert.True(run.ExitCode == 0 && run.SuccessfulCalls == 5, run.ToString());
        await AssertCalls(5, ["CallInitiated", "CallForked:1", "CallRinging:1:180", "CallAnswered:1", "CallReleased:Caller:200:bye"]);
    }

    [Fact]
    public async Task The_callee_hangs_up_first()
    {
        var calleePort = FreePorts.Next();
        await using var callee = await Sipp.StartCalleeAsync(calleePort, "-sf", Sipp.Scenario("uas-hangup.xml"), "-m", "3");
        await using var node = await StartNode(calleePort);

        var run = await Sipp.RunAsync(CallerLimit, "-sf", Sipp.Scenario("uac-wait-bye.xml"), node.Target, "-i", "127.0.0.1", "-p", FreePorts.Next().ToString(), "-m", "3", "-r", "10", "-timeout", "60s");

        Assert.True(run.ExitCode == 0 && run.SuccessfulCalls == 3, run.ToString());
        var calleeRun = await callee.WaitForExitAsync(CallerLimit);
        Assert.True(calleeRun.SuccessfulCalls == 3, calleeRun.ToString());
        await AssertCalls(3, ["CallInitiated", "CallForked:1", "CallRinging:1:180", "CallAnswered:1", "CallReleased:Callee:200:bye"]);
    }

    [Fact]
    public async Task Hold_retrieve_and_a_transfer_by_refer_in_the_dialog_are_events_of_the_call()
    {
        var calleePort = FreePorts.Next();
        await using var callee = await Sipp.StartCalleeAsync(calleePort, "-sf", Sipp.Scenario("uas-hold-refer.xml"), "-m", "2");
        await using var node = await StartNode(calleePort);

        var run = await Sipp.RunAsync(CallerLimit, "-sf", Sipp.Scenario("uac-hold-refer.xml"), node.Target, "-i", "127.0.0.1", "-p", FreePorts.Next().ToString(), "-m", "2", "-r", "10", "-timeout", "60s");

        Assert.True(run.ExitCode == 0 && run.SuccessfulCalls == 2, run.ToString());
        var calleeRun = await callee.WaitForExitAsync(CallerLimit);
        Assert.True(calleeRun.SuccessfulCalls == 2, calleeRun.ToString());
        await AssertCalls(2, ["CallInitiated", "CallForked:1", "CallRinging:1:180", "CallAnswered:1", "CallHeld:Caller", "CallRetrieved:Caller",
            "CallTransferred:Caller:Refer:sip:carol@example.com", "CallReleased:Caller:200:bye"]);
    }

    [Fact]
    public async Task A_call_outlasting_the_default_timeout_is_ended_with_bye_to_both_sides()
    {
        var calleePort = FreePorts.Next();
        await using var callee = await Sipp.StartCalleeAsync(calleePort, "-sn", "uas", "-m", "2");
        await using var node = await StartNode(calleePort, "cluster-sip.dialogs.default-timeout=1s");

        var run = await Sipp.RunAsync(CallerLimit, "-sf", Sipp.Scenario("uac-wait-bye.xml"), node.Target, "-i", "127.0.0.1", "-p", FreePorts.Next().ToString(), "-m", "2", "-r", "10", "-timeout", "60s");

        Assert.True(run.ExitCode == 0 && run.SuccessfulCalls == 2, run.ToString());
        var calleeRun = await callee.WaitForExitAsync(CallerLimit);
        Assert.True(calleeRun.SuccessfulCalls == 2, calleeRun.ToString());
        await AssertCalls(2, ["CallInitiated", "CallForked:1", "CallRinging:1:180", "CallAnswered:1", "CallReleased:System:408:timeout"]);
    }

    [Fact]
    public async Task With_tracking_off_the_route_script_tracks_the_calls_it_chooses_and_tags_them_with_user_data()
    {
        var calleePort = FreePorts.Next();
        await using var callee = await Sipp.StartCalleeAsync(calleePort, "-sn", "uas");
        await using var node = await StartNode(calleePort, "cluster-sip.dialogs.enabled=off", $"cluster-sip.routing.script={typeof(DialogControlScript).AssemblyQualifiedName}");

        // The caller follows Record-Route: a call the node does not track has its ACK and BYE routed by the Route header.
        foreach (var user in new[] { "service", "other" })
        {
            var run = await Sipp.RunAsync(CallerLimit, "-sf", Sipp.Scenario("uac-rr.xml"), node.Target, "-s", user, "-i", "127.0.0.1", "-p", FreePorts.Next().ToString(), "-m", "2", "-r", "10", "-timeout", "60s");
            Assert.True(run.ExitCode == 0 && run.SuccessfulCalls == 2, run.ToString());
        }

        // Only the two calls to "service" have dialogs; the user data set before the INVITE was relayed rides on every later event.
        await AssertCalls(2, ["CallInitiated", "UserDataChanged", "CallForked:1", "CallRinging:1:180", "CallAnswered:1", "CallReleased:Caller:200:bye"]);
        Assert.All(_events.Values.Where(e => e.Sequence > 1), e => Assert.Equal("sales", e.UserData["queue"]));
        Assert.All(_events.Values, e => Assert.StartsWith("sip:service@", e.To.Uri));
    }

    [Fact]
    public async Task A_wrong_dtmf_key_hangs_the_call_up_with_bye_to_both_sides()
    {
        var calleePort = FreePorts.Next();
        await using var callee = await Sipp.StartCalleeAsync(calleePort, "-sf", Sipp.Scenario("uas-dtmf.xml"), "-m", "1");
        await using var node = await StartNode(calleePort, "cluster-sip.routing.script=dtmf-guard", "cluster-sip.dtmf-guard.digit=\"2\"");

        var run = await Sipp.RunAsync(CallerLimit, "-sf", Sipp.Scenario("uac-dtmf.xml"), node.Target, "-i", "127.0.0.1", "-p", FreePorts.Next().ToString(), "-m", "1", "-timeout", "60s");

        Assert.True(run.ExitCode == 0 && run.SuccessfulCalls == 1, run.ToString());
        var calleeRun = await callee.WaitForExitAsync(CallerLimit);
        Assert.True(calleeRun.SuccessfulCalls == 1, calleeRun.ToString());
    }

    private Task<ProxyNode> StartNode(int calleePort, params string[] sets) => ProxyNode.StartAsync(
        new SipFeature(context => context.System.ActorOf(Props.Create(() => new RecordingSink(_events)))),
        [$"cluster-sip.routing.default-destinations=[\"sip:127.0.0.1:{calleePort}\"]", .. sets]);

    private async Task AssertCalls(int count, string[] expected)
    {
        await Eventually.Value(() => Task.FromResult(RecordingSink.Calls(_events)), calls => calls.Count == count && calls.All(c => c.Count == expected.Length),
            $"{count} calls of {expected.Length} events each");
        Assert.All(RecordingSink.Calls(_events), call => Assert.Equal(expected, call));
    }
}
