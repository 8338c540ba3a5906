using System.Text;
using ClusterSip.Sip.Sdp;

namespace ClusterSip.Sip.Tests.Sdp;

public class SdpHoldTests
{
    private const string Session = "v=0\r\no=alice 2890844526 2890844527 IN IP4 host.example.com\r\ns=-\r\n";

    [Theory]
    [InlineData("c=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0\r\n", SdpHoldState.Active)]
    [InlineData("c=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0\r\na=sendrecv\r\n", SdpHoldState.Active)]
    [InlineData("c=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0\r\na=sendonly\r\n", SdpHoldState.Held)]
    [InlineData("c=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0\r\na=inactive\r\n", SdpHoldState.Held)]
    [InlineData("c=IN IP4 0.0.0.0\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0\r\n", SdpHoldState.Held)]
    [InlineData("c=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0\r\na=recvonly\r\n", SdpHoldState.Other)]
    public void A_single_stream_is_classified_by_its_direction_and_connection(string rest, SdpHoldState expected) =>
        Assert.Equal(expected, Classify(Session + rest));

    [Fact]
    public void A_session_level_direction_applies_to_every_stream_without_its_own()
    {
        var sdp = Session + "c=IN IP4 192.0.2.1\r\nt=0 0\r\na=sendonly\r\nm=audio 49170 RTP/AVP 0\r\nm=video 51372 RTP/AVP 31\r\n";

        Assert.Equal(SdpHoldState.Held, Classify(sdp));
    }

    [Fact]
    public void A_media_level_direction_overrides_the_session_level()
    {
        var sdp = Session + "c=IN IP4 192.0.2.1\r\nt=0 0\r\na=sendonly\r\nm=audio 49170 RTP/AVP 0\r\na=sendrecv\r\n";

        Assert.Equal(SdpHoldState.Active, Classify(sdp));
    }

    [Fact]
    public void A_media_level_connection_overrides_a_null_session_connection()
    {
        var sdp = Session + "c=IN IP4 0.0.0.0\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0\r\nc=IN IP4 192.0.2.1\r\n";

        Assert.Equal(SdpHoldState.Active, Classify(sdp));
    }

    [Fact]
    public void A_rejected_stream_does_not_count()
    {
        var sdp = Session + "c=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0\r\nm=video 0 RTP/AVP 31\r\na=inactive\r\n";

        Assert.Equal(SdpHoldState.Active, Classify(sdp));
    }

    [Fact]
    public void One_held_stream_of_two_holds_the_call()
    {
        var sdp = Session + "c=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0\r\nm=video 51372 RTP/AVP 31\r\na=inactive\r\n";

        Assert.Equal(SdpHoldState.Held, Classify(sdp));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not sdp at all")]
    [InlineData("v=0\r\ns=-\r\n")]
    public void A_body_without_media_says_nothing(string body) => Assert.Equal(SdpHoldState.None, Classify(body));

    [Fact]
    public void Bare_line_feeds_are_accepted() =>
        Assert.Equal(SdpHoldState.Held, Classify("v=0\nc=IN IP4 192.0.2.1\nm=audio 1 RTP/AVP 0\na=sendonly\n"));

    private static SdpHoldState Classify(string sdp) => SdpHold.Classify(Encoding.UTF8.GetBytes(sdp));
}
