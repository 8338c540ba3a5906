using System.Text;
using ClusterSip.Sip.Framing;

namespace ClusterSip.Sip.Tests.Framing;

public class SipFramingTests
{
    private const int Max = 4096;

    private const string Message =
        "OPTIONS sip:a@b SIP/2.0\r\nCall-ID: x\r\nContent-Length: 4\r\n\r\nbody";

    private static SipFrame Frame(string text, int max = Max) => SipFraming.Frame(Encoding.ASCII.GetBytes(text), max);

    [Fact]
    public void Double_crlf_is_a_ping_and_single_crlf_a_pong()
    {
        Assert.Equal(new SipFrame(FrameKind.KeepAlivePing, 4), Frame("\r\n\r\n"));
        Assert.Equal(new SipFrame(FrameKind.KeepAlivePing, 4), Frame("\r\n\r\nOPTIONS"));
        Assert.Equal(new SipFrame(FrameKind.KeepAlivePong, 2), Frame("\r\nOPTIONS"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r")]
    [InlineData("\r\n")]
    [InlineData("\r\n\r")]
    [InlineData("OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 4\r\n")]
    [InlineData("OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 4\r\n\r\nbod")]
    public void Partial_input_is_incomplete(string text) => Assert.Equal(FrameKind.Incomplete, Frame(text).Kind);

    [Fact]
    public void Message_ends_after_content_length_bytes()
    {
        var frame = Frame(Message + "NEXT");

        Assert.Equal(FrameKind.Message, frame.Kind);
        Assert.Equal(Message.Length, frame.Length);
    }

    [Theory]
    [InlineData("l: 4")]
    [InlineData("CONTENT-LENGTH :  4")]
    [InlineData("Content-Length:\r\n 4")]
    public void Content_length_spellings(string header)
    {
        var text = "OPTIONS sip:a@b SIP/2.0\r\nCall-ID: x\r\n" + header + "\r\n\r\nbodyXX";

        Assert.Equal(new SipFrame(FrameKind.Message, text.Length - 2), Frame(text));
    }

    [Fact]
    public void Back_to_back_messages_frame_one_at_a_time()
    {
        var bytes = Encoding.ASCII.GetBytes("\r\n\r\n" + Message + Message + "\r\n");
        var kinds = new List<FrameKind>();
        var offset = 0;
        while (true)
        {
            var frame = SipFraming.Frame(bytes.AsSpan(offset), Max);
            if (frame.Kind == FrameKind.Incomplete)
            {
                break;
            }

            kinds.Add(frame.Kind);
            offset += frame.Length;
        }

        Assert.Equal([FrameKind.KeepAlivePing, FrameKind.Message, FrameKind.Message], kinds);
        Assert.Equal(bytes.Length - 2, offset);
    }

    [Theory]
    [InlineData("OPTIONS sip:a@b SIP/2.0\r\nCall-ID: x\r\n\r\n", "missing Content-Length")]
    [InlineData("OPTIONS sip:a@b SIP/2.0\r\nContent-Length: -1\r\n\r\n", "invalid Content-Length")]
    [InlineData("OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 1\r\nl: 2\r\n\r\nxx", "conflicting")]
    [InlineData("\rX", "CR not followed by LF")]
    public void Unframeable_input_is_an_error(string text, string errorMentions)
    {
        var frame = Frame(text);

        Assert.Equal(FrameKind.Error, frame.Kind);
        Assert.Contains(errorMentions, frame.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Headers_larger_than_the_limit_without_an_end_are_too_large()
    {
        var text = "OPTIONS sip:a@b SIP/2.0\r\nX: " + new string('a', 200);

        Assert.Equal(FrameKind.Incomplete, Frame(text, 1000).Kind);
        var frame = Frame(text, 100);
        Assert.Equal(FrameKind.TooLarge, frame.Kind);
        Assert.NotNull(frame.Error);
    }

    [Fact]
    public void A_content_length_beyond_the_limit_is_too_large_before_the_body_arrives()
    {
        var frame = Frame("OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 5000\r\n\r\n", 1000);

        Assert.Equal(FrameKind.TooLarge, frame.Kind);
        Assert.Contains("exceeds", frame.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Repeated_equal_content_lengths_are_accepted() =>
        Assert.Equal(FrameKind.Message, Frame("OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 1\r\nl: 1\r\n\r\nx").Kind);
}
