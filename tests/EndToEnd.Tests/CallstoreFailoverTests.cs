using System.Diagnostics;
using ClusterSip.Tests.Support;
using Xunit;

namespace ClusterSip.EndToEnd.Tests;

/// <summary>
/// scripts/callstore-failover.sh at a small scale: three node processes sharing a PostgreSQL journal, two callstore
/// groups, SIPp calls through node3 (group 1) and into group2.test through node2 (group 2), long calls through node1,
/// and kill -9 of node1, which runs group 1's active instance (order 1) and both groups' coordinators; users registered
/// through node3 before, about a third of them in registrar partitions node1 held. Asserts the outcomes, not the
/// handover time.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CallstoreFailoverTests
{
    private const int PortOffset = 500;
    private const int Calls = 60;
    private const int Group2Calls = 40;
    private const int VictimCalls = 4;
    private static readonly TimeSpan ScriptBound = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task After_kill_9_of_the_active_instance_the_next_order_takes_over_the_other_group_stays_every_call_has_one_CDR_and_no_registration_is_lost()
    {
        using var run = new TempDirectory("failover");
        Dictionary<string, string> environment = new()
        {
            ["CLUSTER_RUN_DIR"] = run.Path,
            ["CLUSTER_PORT_OFFSET"] = PortOffset.ToString(),
            ["CLUSTER_NO_BUILD"] = "1",
            ["CLUSTER_NODE_DLL"] = Repository.NodeExecutable,
            ["FAILOVER_CALLS"] = Calls.ToString(),
            ["FAILOVER_GROUP2_CALLS"] = Group2Calls.ToString(),
            ["FAILOVER_RATE"] = "10",
            ["FAILOVER_HOLD_MS"] = "1000",
            ["FAILOVER_VICTIM_CALLS"] = VictimCalls.ToString(),
            ["FAILOVER_KILL_AFTER"] = "2",
            // Three nodes, PostgreSQL and SIPp share two cores with whatever else runs: no false downing.
            ["AKKA__CLUSTER__FAILURE_DETECTOR__ACCEPTABLE_HEARTBEAT_PAUSE"] = "3s",
        };
        try
        {
            var (exitCode, output) = await RunAsync("callstore-failover.sh", environment);
            var result = output.Split('\n').Select(l => l.Trim().Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
            string Value(string key) => result.TryGetValue(key, out var value) ? value : throw new Xunit.Sdk.XunitException($"no {key}= in:\n{output}");

            Assert.True(exitCode == 0, $"exit {exitCode}:\n{output}");
            Assert.Equal($"cluster-sip@127.0.0.1:{4100 + PortOffset + 2}", Value("active"));
            Assert.Equal(($"{Calls}", $"{Calls}", $"{Calls}", $"{Calls}"), (Value("calls_started"), Value("calls_completed"), Value("cdrs"), Value("cdrs_distinct")));
            Assert.Equal(($"{VictimCalls}", $"{VictimCalls}"), (Value("victim_cdrs"), Value("victim_node_lost")));
            Assert.Equal(("0", "true"), (Value("left_active"), Value("journal_gap_free")));
            Assert.Equal($"cluster-sip@127.0.0.1:{4100 + PortOffset + 2}", Value("group2_active"));
            Assert.Equal(($"{Group2Calls}", $"{Group2Calls}", $"{Group2Calls}", $"{Group2Calls}", "0"),
                (Value("group2_calls_started"), Value("group2_calls_completed"), Value("group2_cdrs"), Value("group2_cdrs_distinct"), Value("group2_node_lost")));
            Assert.Equal(("0", "true"), (Value("group2_left_active"), Value("group2_journal_gap_free")));
            Assert.Equal(Value("registrations"), Value("registrations_found"));
            Assert.True(long.Parse(Value("handover_ms")) > 0, output);
        }
        finally
        {
            // The nodes run in their own sessions: stop whatever the script left, also when it ran out of time.
            await RunAsync("cluster.sh", environment, "down");
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string script, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Repository.Path("scripts", script));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("CLUSTER_", StringComparison.OrdinalIgnoreCase) || k.StartsWith("AKKA__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("FAILOVER_", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(inherited);
        foreach (var (key, value) in environment) start.Environment[key] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"bash {script} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ScriptBound);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"scripts/{script} ran past {ScriptBound}:\n{await output}{await error}");
        }
        return (process.ExitCode, await output + await error);
    }
}
