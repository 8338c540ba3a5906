using System.Net.WebSockets;

namespace ClusterSip.Sip.Stack.Transport;

/// <summary>
/// WS and WSS (RFC 7118): after the HTTP upgrade, one SIP message per WebSocket message, each way; a message of only
/// CRLFs is a keep-alive (as SIP.js and JsSIP send them), a double CRLF answered with a CRLF.
/// </summary>
internal sealed partial class TcpConnection
{
    private WebSocket? _webSocket;

    /// <summary>
    /// The opening handshake, which a peer must complete within tcp-message-read-timeout (the sweeper cuts it as it
    /// cuts a slow message); a refused one is answered, counted as malformed (framing) and logged.
    /// </summary>
    private async Task<bool> UpgradeAsync()
    {
        Volatile.Write(ref _partialSince, Environment.TickCount64);
        if (await WebSocketUpgrade.NegotiateAsync(_stream, _closing.Token).ConfigureAwait(false) is not { } outcome)
        {
            return false;
        }

        if (!outcome.Accepted)
        {
            _owner.Metrics.Malformed(Remote.Protocol, MalformedReason.Framing);
            _owner.Faults.Warning("WebSocket upgrade", new InvalidDataException(outcome.Error), "connection " + Local + " <- " + Remote + ", closed");
        }

        await _stream.WriteAsync(outcome.Response, _closing.Token).ConfigureAwait(false);
        if (!outcome.Accepted)
        {
            return false;
        }

        Volatile.Write(ref _partialSince, 0);
        Touch();
        _webSocket = WebSocket.CreateFromStream(_stream, new WebSocketCreationOptions
        {
            IsServer = true,
            SubProtocol = WebSocketUpgrade.SubProtocol,
            KeepAliveInterval = TimeSpan.Zero,
        });
        return true;
    }

    private async Task ReceiveWebSocketMessagesAsync()
    {
        var webSocket = _webSocket!;
        var maxMessageSize = _owner.Settings.MaxMessageSize;
        var buffer = new byte[Math.Min(InitialBufferSize, maxMessageSize)];
        var count = 0;
        while (true)
        {
            if (count == buffer.Length)
            {
                if (count == maxMessageSize)
                {
                    await RejectTooLargeAsync(buffer).ConfigureAwait(false);
                    return;
                }

                Array.Resize(ref buffer, Math.Min(buffer.Length * 2, maxMessageSize));
            }

            var result = await webSocket.ReceiveAsync(buffer.AsMemory(count), _closing.Token).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                using var timeout = new CancellationTokenSource(_owner.Settings.TcpSendTimeout);
                await webSocket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token).ConfigureAwait(false);
                return;
            }

            count += result.Count;
            Touch();
            if (!result.EndOfMessage)
            {
                if (PartialSince == 0)
                {
                    Volatile.Write(ref _partialSince, Environment.TickCount64);
                }

                continue;
            }

            Volatile.Write(ref _partialSince, 0);
            var message = buffer.AsSpan(0, count).ToArray();
            count = 0;
            if (!await HandleWebSocketMessageAsync(message).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    /// <summary>Hands one WebSocket message up as one SIP message; false when the connection must close.</summary>
    private async ValueTask<bool> HandleWebSocketMessageAsync(byte[] message)
    {
        if (message.AsSpan().IndexOfAnyExcept("\r\n"u8) < 0)
        {
            if (message.AsSpan().SequenceEqual("\r\n\r\n"u8) && (await WriteAsync(Pong, CancellationToken.None).ConfigureAwait(false)).Sent)
            {
                _owner.Metrics.KeepAliveAnswered(Remote.Protocol);
            }

            return true;
        }

        var rejection = _owner.Intake.Accept(message, Local, Remote, Id);
        if (rejection?.Response is { } reply)
        {
            await SendAsync(reply, CancellationToken.None).ConfigureAwait(false);
        }

        return rejection?.Reason != MalformedReason.Unrecognized;
    }

    private async ValueTask RejectTooLargeAsync(byte[] received)
    {
        _owner.Metrics.Malformed(Remote.Protocol, MalformedReason.TooLarge);
        if (ErrorResponses.TooLarge(received) is { } reply)
        {
            await SendAsync(reply, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
