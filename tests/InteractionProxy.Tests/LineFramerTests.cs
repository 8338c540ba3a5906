using System.Text;
using Akka.IO;
using ClusterSip.InteractionProxy.Wire;

namespace ClusterSip.InteractionProxy.Tests;

public sealed class LineFramerTests
{
    [Fact]
    public void Lines_split_across_chunks_are_joined_and_a_carriage_return_before_the_newline_is_dropped()
    {
        var framer = new LineFramer(maxLineBytes: 64);
        var frames = new[] { "{\"a\":", "1}\r\n{\"b\"", ":2}\n\n" }
            .SelectMany(chunk => framer.Push(ByteString.FromString(chunk)))
            .ToList();
        Assert.Equal(["{\"a\":1}", "{\"b\":2}", ""], frames.Cast<InboundLine>().Select(l => Encoding.UTF8.GetString(l.Bytes.Span)));
    }

    [Fact]
    public void A_line_past_the_limit_is_reported_once_as_soon_as_it_passes_and_skipped_up_to_its_newline()
    {
        var framer = new LineFramer(maxLineBytes: 8);
        var first = framer.Push(ByteString.FromString("0123456789")).ToList();
        Assert.Equal([new InboundLineTooLong(8)], first);
        Assert.Empty(framer.Push(ByteString.FromString("still the same line")));
        var rest = framer.Push(ByteString.FromString(" end\nok\n")).ToList();
        Assert.Equal("ok", Encoding.UTF8.GetString(Assert.IsType<InboundLine>(Assert.Single(rest)).Bytes.Span));
    }
}
