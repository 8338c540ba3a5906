using ClusterSip.Presence.B2b;
using ClusterSip.Presence.Tests.Support;

namespace ClusterSip.Presence.Tests.B2b;

public class ErrorRetryTests : B2bTestKit
{
    [Theory]
    [InlineData(404)]
    [InlineData(403)]
    [InlineData(500)]
    [InlineData(503)]
    public void After_an_error_reply_a_new_subscription_starts_after_on_error_retry_time(int status)
    {
        var first = Subscribe();
        first.Answer(status);

        Advance(119);
        Assert.Equal(SubscriptionPhase.Retrying, Info().Phase);
        ExpectNothingSent();
        Advance(1);
        var retry = Wire.ExpectMsg<FakeRequestSender.Sent>().Request;

        Assert.NotEqual(first.Request.CallId, retry.CallId);
        Assert.Null(retry.To!.Tag);
        Assert.Equal(["<sip:my-sip-server.domain.com;lr>"], retry.Headers.GetAll("Route"));
    }

    [Fact]
    public void A_timeout_is_retried_like_an_error_reply()
    {
        Subscribe(Defaults with { OnErrorRetryTime = TimeSpan.FromSeconds(600) }).Fail("timeout");

        Advance(599);
        ExpectNothingSent();
        Advance(1);
        Wire.ExpectMsg<FakeRequestSender.Sent>();
    }

    [Fact]
    public void A_failed_refresh_ends_the_dialog_and_retries_with_a_new_one()
    {
        var first = Subscribe();
        first.Answer(200, "Expires: 100");
        Advance(70);
        Wire.ExpectMsg<FakeRequestSender.Sent>().Answer(481);

        Advance(120);
        var retry = Wire.ExpectMsg<FakeRequestSender.Sent>().Request;
        Assert.NotEqual(first.Request.CallId, retry.CallId);
        Assert.Equal(1u, retry.CSeq!.Number);
    }

    [Fact]
    public void A_response_to_an_older_request_is_ignored()
    {
        var first = Subscribe();
        first.Answer(404);
        Advance(120);
        Wire.ExpectMsg<FakeRequestSender.Sent>();

        first.Answer(200, "Expires: 10");

        Assert.Equal(SubscriptionPhase.Subscribing, Info().Phase);
    }
}
