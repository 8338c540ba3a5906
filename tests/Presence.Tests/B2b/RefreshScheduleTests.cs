using ClusterSip.Presence.B2b;
using ClusterSip.Presence.Tests.Support;
using ClusterSip.Sip.Headers;

namespace ClusterSip.Presence.Tests.B2b;

public class RefreshScheduleTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Theory]
    [InlineData(3600, 0, 3570)]
    [InlineData(600, 0, 570)]
    [InlineData(40, 0, 30)]
    [InlineData(40, 20, 10)]
    [InlineData(10, 0, 30)]
    [InlineData(10, 100, 0)]
    public void Refresh_delay_is_delta_before_expiry_but_not_sooner_than_the_minimum(int granted, int sinceLast, int expected) =>
        Assert.Equal(S(expected), RefreshSchedule.RefreshDelay(S(granted), S(sinceLast), B2bTestKit.Defaults));

    [Theory]
    [InlineData("terminated;reason=rejected", null)]
    [InlineData("terminated;reason=noresource", null)]
    [InlineData("terminated;reason=invariant", null)]
    [InlineData("terminated;reason=deactivated", 0)]
    [InlineData("terminated;reason=timeout", 0)]
    [InlineData("terminated;reason=probation", 120)]
    [InlineData("terminated;reason=giveup;retry-after=7", 7)]
    [InlineData("terminated;reason=whatever", 120)]
    [InlineData("terminated", 120)]
    public void Retry_after_termination_follows_rfc6665_reasons(string header, int? seconds) =>
        Assert.Equal(seconds is null ? null : S(seconds.Value), RefreshSchedule.RetryAfterTermination(SubscriptionStateHeader.Parse(header), S(120)));
}
