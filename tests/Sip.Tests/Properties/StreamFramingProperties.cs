using ClusterSip.Sip.Framing;
using ClusterSip.Sip.Tests.TestData;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ClusterSip.Sip.Tests.Properties;

/// <summary>A TCP stream of messages and keep-alives frames the same however its bytes arrive.</summary>
public class StreamFramingProperties
{
    // SIPp captures all carry Content-Length; each is cut to its framed length first.
    private static readonly byte[][] Messages = TestFiles.Names("sipp")
        .Select(TestFiles.Sipp)
        .Select(b => b[..SipFraming.Frame(b, 65535).Length])
        .ToArray();

    public static Arbitrary<StreamCase> Streams() => Arb.From(
        from items in Gen.Choose(1, 8).SelectMany(n => Gen.ArrayOf(Gen.Choose(-1, Messages.Length - 1), n))
        from chunks in Gen.Choose(1, 30).SelectMany(n => Gen.ArrayOf(Gen.Choose(1, 200), n))
        select new StreamCase(items, chunks));

    [Property(Arbitrary = [typeof(StreamFramingProperties)], MaxTest = 300)]
    public void Chunked_stream_yields_each_message_and_ping_in_order(StreamCase stream)
    {
        // -1 stands for a keep-alive ping between messages.
        var expected = stream.Items.Select(i => i < 0 ? "\r\n\r\n"u8.ToArray() : Messages[i]).ToList();
        var bytes = expected.SelectMany(b => b).ToArray();
        var frames = new List<(FrameKind Kind, byte[] Bytes)>();
        var buffered = new List<byte>();
        var offset = 0;
        var chunk = 0;
        while (offset < bytes.Length)
        {
            var size = Math.Min(stream.Chunks[chunk++ % stream.Chunks.Length], bytes.Length - offset);
            buffered.AddRange(bytes.AsSpan(offset, size));
            offset += size;
            while (true)
            {
                var frame = SipFraming.Frame(buffered.ToArray(), 65535);
                Assert.NotEqual(FrameKind.Error, frame.Kind);
                Assert.NotEqual(FrameKind.TooLarge, frame.Kind);
                if (frame.Kind == FrameKind.Incomplete)
                {
                    break;
                }

                frames.Add((frame.Kind, buffered.Take(frame.Length).ToArray()));
                buffered.RemoveRange(0, frame.Length);
            }
        }

        Assert.Empty(buffered);
        Assert.Equal(stream.Items.Select(i => i < 0 ? FrameKind.KeepAlivePing : FrameKind.Message), frames.Select(f => f.Kind));
        Assert.Equal(expected, frames.Select(f => f.Bytes));
    }
}

public sealed record StreamCase(int[] Items, int[] Chunks);
