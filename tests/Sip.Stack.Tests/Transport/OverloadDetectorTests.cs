using ClusterSip.Sip.Stack.Transport;
using Xunit;

namespace ClusterSip.Sip.Stack.Tests.Transport;

public sealed class OverloadDetectorTests
{
    // Ticks are milliseconds here.
    private static OverloadDetector Detector() => new(new UdpOverloadSettings(BacklogBytes: 1000, After: TimeSpan.FromMilliseconds(500)), 1000);

    [Fact]
    public void A_backlog_that_stays_above_the_limit_for_the_whole_wait_is_an_overload()
    {
        var detector = Detector();
        Assert.False(detector.Sample(1000, now: 0));
        Assert.False(detector.Sample(5000, now: 499));
        Assert.False(detector.Overloaded);

        Assert.True(detector.Sample(1200, now: 500));
        Assert.True(detector.Overloaded);
        Assert.False(detector.Sample(1200, now: 510)); // no change: reported once
    }

    [Fact]
    public void A_backlog_that_drains_below_half_the_limit_starts_the_wait_again()
    {
        var detector = Detector();
        detector.Sample(2000, now: 0);
        detector.Sample(499, now: 300); // a collection pause's backlog, drained
        detector.Sample(2000, now: 400);
        Assert.False(detector.Sample(2000, now: 800));
        Assert.True(detector.Sample(2000, now: 900));
    }

    [Fact]
    public void Between_half_and_the_limit_the_state_holds_either_way()
    {
        var detector = Detector();
        detector.Sample(2000, now: 0);
        detector.Sample(700, now: 200); // not drained: the wait goes on
        Assert.True(detector.Sample(1000, now: 500));

        Assert.False(detector.Sample(600, now: 600)); // still overloaded until below half
        Assert.True(detector.Overloaded);
        Assert.True(detector.Sample(499, now: 610));
        Assert.False(detector.Overloaded);
    }
}
