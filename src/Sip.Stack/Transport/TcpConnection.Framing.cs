using ClusterSip.Sip.Framing;

namespace ClusterSip.Sip.Stack.Transport;

/// <summary>TCP and TLS: SIP messages cut from the byte stream by Content-Length (RFC 3261 18.3), RFC 5626 CRLF keep-alives answered.</summary>
internal sealed partial class TcpConnection
{
    private static readonly byte[] Pong = "\r\n"u8.ToArray();

    /// <summary>Cuts the stream into messages (RFC 3261 18.3) until the peer closes it or it cannot be framed.</summary>
    private async Task ReceiveFramesAsync()
    {
        var maxMessageSize = _owner.Settings.MaxMessageSize;
        var buffer = new byte[Math.Min(InitialBufferSize, maxMessageSize)];
        var count = 0;
        while (true)
        {
            if (count == buffer.Length)
            {
                // Framing reports an error once maxMessageSize bytes hold no complete frame, so this bound suffices.
                Array.Resize(ref buffer, Math.Min(buffer.Length * 2, maxMessageSize));
            }

            var received = await _stream.ReadAsync(buffer.AsMemory(count), _closing.Token).ConfigureAwait(false);
            if (received == 0)
            {
                return;
            }

            count += received;
            Touch();
            var consumed = await ProcessAsync(buffer, count).ConfigureAwait(false);
            if (consumed < 0)
            {
                return;
            }

            count -= consumed;
            Buffer.BlockCopy(buffer, consumed, buffer, 0, count);
            if (count == 0)
            {
                Volatile.Write(ref _partialSince, 0);
            }
            else if (consumed > 0 || PartialSince == 0)
            {
                Volatile.Write(ref _partialSince, Environment.TickCount64);
            }
        }
    }

    /// <summary>Handles every complete frame at the start of the buffer; returns the bytes consumed, or -1 to close.</summary>
    private async ValueTask<int> ProcessAsync(byte[] buffer, int count)
    {
        var maxMessageSize = _owner.Settings.MaxMessageSize;
        var consumed = 0;
        while (true)
        {
            var frame = SipFraming.Frame(buffer.AsSpan(consumed, count - consumed), maxMessageSize);
            switch (frame.Kind)
            {
                case FrameKind.Incomplete:
                    return consumed;
                case FrameKind.KeepAlivePing:
                    consumed += frame.Length;
                    if ((await WriteAsync(Pong, CancellationToken.None).ConfigureAwait(false)).Sent)
                    {
                        _owner.Metrics.KeepAliveAnswered(Remote.Protocol);
                    }

                    break;
                case FrameKind.KeepAlivePong:
                    consumed += frame.Length;
                    break;
                case FrameKind.Message:
                    var message = buffer.AsSpan(consumed, frame.Length).ToArray();
                    consumed += frame.Length;
                    var rejection = _owner.Intake.Accept(message, Local, Remote, Id);
                    if (rejection?.Response is { } reply)
                    {
                        await SendAsync(reply, CancellationToken.None).ConfigureAwait(false);
                    }

                    // A well-framed message with a bad header leaves the stream usable; bytes that are not SIP at all do not.
                    if (rejection?.Reason == MalformedReason.Unrecognized)
                    {
                        return -1;
                    }

                    break;
                default:
                    await RejectStreamAsync(frame, buffer.AsMemory(consumed, count - consumed).ToArray()).ConfigureAwait(false);
                    return -1;
            }
        }
    }

    /// <summary>RFC 3261 18.3: a stream that cannot be framed is answered when possible and closed.</summary>
    private async ValueTask RejectStreamAsync(SipFrame frame, byte[] received)
    {
        var tooLarge = frame.Kind == FrameKind.TooLarge;
        _owner.Metrics.Malformed(Remote.Protocol, tooLarge ? MalformedReason.TooLarge : MalformedReason.Framing);
        var reply = tooLarge ? ErrorResponses.TooLarge(received) : ErrorResponses.Unframeable(received, frame.Error!);
        if (reply is not null)
        {
            await SendAsync(reply, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
