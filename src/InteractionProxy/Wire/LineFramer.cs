using Akka;
using Akka.IO;
using Akka.Streams.Dsl;

namespace ClusterSip.InteractionProxy.Wire;

/// <summary>What the framing makes of the bytes a client sends.</summary>
public abstract record InboundFrame;

/// <summary>One line without its "\n" (and without a "\r" before it).</summary>
public sealed record InboundLine(ReadOnlyMemory<byte> Bytes) : InboundFrame;

/// <summary>A line grew past max-line-bytes; the rest of it, up to its "\n", is skipped.</summary>
public sealed record InboundLineTooLong(int MaxLineBytes) : InboundFrame;

/// <summary>
/// Splits a client's bytes into lines. Unlike Framing.Delimiter, a line that is too long does not fail the stream:
/// it becomes one <see cref="InboundLineTooLong"/> as soon as it passes the limit, and the connection goes on with
/// the next line.
/// </summary>
public sealed class LineFramer(int maxLineBytes)
{
    private ByteString _partial = ByteString.Empty;
    private bool _skipping;

    public static Flow<ByteString, InboundFrame, NotUsed> Flow(int maxLineBytes) =>
        Akka.Streams.Dsl.Flow.Create<ByteString>().StatefulSelectMany<ByteString, ByteString, InboundFrame, NotUsed>(
            () => new LineFramer(maxLineBytes).Push);

    public IEnumerable<InboundFrame> Push(ByteString chunk)
    {
        var frames = new List<InboundFrame>();
        var rest = chunk;
        while (rest.Count > 0)
        {
            var newline = rest.IndexOf((byte)'\n');
            if (newline < 0)
            {
                Append(rest, frames);
                break;
            }

            Append(rest.Slice(0, newline), frames);
            if (!_skipping) frames.Add(new InboundLine(TrimCarriageReturn(_partial.ToArray())));
            _partial = ByteString.Empty;
            _skipping = false;
            rest = rest.Slice(newline + 1);
        }
        return frames;
    }

    private void Append(ByteString bytes, List<InboundFrame> frames)
    {
        if (_skipping) return;
        _partial = _partial.Concat(bytes);
        if (_partial.Count <= maxLineBytes) return;
        frames.Add(new InboundLineTooLong(maxLineBytes));
        _partial = ByteString.Empty;
        _skipping = true;
    }

    private static ReadOnlyMemory<byte> TrimCarriageReturn(byte[] line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line.AsMemory(0, line.Length - 1) : line;
}
