using ClusterSip.Node.Logging;
using Xunit;

namespace ClusterSip.Node.Tests;

public sealed class LogLineTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_record_is_one_logfmt_line_naming_the_node()
    {
        var line = LogLine.Format(Noon, "info", "cluster-sip@127.0.0.1:4053", "Cluster (akka://cluster-sip)", "Member is Up", null);

        Assert.Equal("ts=2026-11-23T12:00:00.000Z level=info node=cluster-sip@127.0.0.1:4053 logger=\"Cluster (akka://cluster-sip)\" msg=\"Member is Up\"", line);
    }

    [Fact]
    public void Multi_line_messages_and_errors_stay_on_one_line()
    {
        var line = LogLine.Format(Noon, "error", "n@h:1", "x", "first\nsecond \"quoted\"", new InvalidOperationException("boom"));

        Assert.DoesNotContain('\n', line);
        Assert.Contains("msg=\"first\\nsecond \\\"quoted\\\"\"", line);
        Assert.Contains("error=\"System.InvalidOperationException: boom\"", line);
    }
}
