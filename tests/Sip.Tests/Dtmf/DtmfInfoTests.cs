using System.Text;
using ClusterSip.Sip.Dtmf;
using ClusterSip.Sip.Headers;

namespace ClusterSip.Sip.Tests.Dtmf;

public class DtmfInfoTests
{
    [Theory]
    [InlineData("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n", "5")]
    [InlineData("application/dtmf-relay", "signal= #\r\nDuration=250\r\n", "#")]
    [InlineData("Application/DTMF-Relay", "Duration=100\nSignal=*\n", "*")]
    [InlineData("application/dtmf-relay", "Signal=a\r\n", "A")]
    [InlineData("application/dtmf", "7", "7")]
    [InlineData("application/dtmf", "11\r\n", "#")]
    [InlineData("application/dtmf", "10", "*")]
    public void The_digit_of_a_dtmf_info_body_is_read(string contentType, string body, string digit) =>
        Assert.Equal(digit, DtmfInfo.Digit(MediaType.Parse(contentType), Encoding.UTF8.GetBytes(body)));

    [Theory]
    [InlineData("application/dtmf-relay", "Duration=160\r\n")]
    [InlineData("application/dtmf-relay", "Signal=55\r\n")]
    [InlineData("application/dtmf", "")]
    [InlineData("application/dtmf", "16")]
    [InlineData("application/dtmf", "x")]
    [InlineData("application/sdp", "5")]
    public void Anything_else_carries_no_digit(string contentType, string body) =>
        Assert.Null(DtmfInfo.Digit(MediaType.Parse(contentType), Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void A_body_without_content_type_carries_no_digit() =>
        Assert.Null(DtmfInfo.Digit(null, Encoding.UTF8.GetBytes("5")));
}
