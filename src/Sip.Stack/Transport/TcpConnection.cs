using System.Buffers;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using ClusterSip.Sip.Framing;
using ClusterSip.Sip.Messages;

namespace ClusterSip.Sip.Stack.Transport;

/// <summary>
/// One TCP connection, accepted or opened, with TLS layered on it when its protocol is TLS: a receive loop that frames
/// the stream (RFC 3261 18.3) and answers RFC 5626 keep-alives, and serialized sends.
/// </summary>
internal sealed class TcpConnection
{
    private const int InitialBufferSize = 4096;
    private static readonly byte[] Pong = "\r\n"u8.ToArray();

    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly TcpConnections _owner;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _closing = new();
    private long _lastActivity = Environment.TickCount64;
    private long _partialSince;
    private int _closed;

    /// <param name="remote">The peer; its protocol (TCP or TLS) is the connection's.</param>
    public TcpConnection(Socket socket, SipEndPoint local, SipEndPoint remote, bool inbound, TcpConnections owner)
    {
        _socket = socket;
        _owner = owner;
        Stream network = new NetworkStream(socket, ownsSocket: false);
        _stream = remote.Protocol == SipProtocol.Tls ? new SslStream(network, leaveInnerStreamOpen: false) : network;
        Local = local;
        Remote = remote;
        Inbound = inbound;
    }

    public long Id { get; } = ConnectionIds.Next();

    public SipEndPoint Local { get; }

    public SipEndPoint Remote { get; }

    /// <summary>Accepted from a peer (counts against its per-source cap), rather than opened by us.</summary>
    public bool Inbound { get; }

    public bool IsOpen => Volatile.Read(ref _closed) == 0;

    /// <summary><see cref="Environment.TickCount64"/> of the last byte received or message sent.</summary>
    public long LastActivity => Volatile.Read(ref _lastActivity);

    /// <summary><see cref="Environment.TickCount64"/> when the incomplete message now buffered began to arrive; 0 when none is.</summary>
    public long PartialSince => Volatile.Read(ref _partialSince);

    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Start() => Completion = ReceiveLoopAsync();

    public async ValueTask<SendResult> SendAsync(SipMessage message, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(message.GetByteCount());
        try
        {
            var length = message.WriteTo(buffer);
            var result = await WriteAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
            if (result.Sent)
            {
                _owner.Metrics.Sent(Remote.Protocol, message.IsRequest);
            }
            else
            {
                _owner.Metrics.SendFailed(Remote.Protocol);
            }

            return result;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The TLS handshake (server side for an accepted connection, client side for one we opened), bounded by
    /// tls.handshake-timeout; a failure is counted and logged, and the connection closed.
    /// </summary>
    /// <returns>Null when the connection is ready for SIP; otherwise why it is not.</returns>
    public async Task<string?> HandshakeAsync()
    {
        var ssl = (SslStream)_stream;
        var timeout = _owner.Settings.Tls.HandshakeTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
        deadline.CancelAfter(timeout);
        try
        {
            if (Inbound)
            {
                await ssl.AuthenticateAsServerAsync(_owner.Tls.Server(), deadline.Token).ConfigureAwait(false);
            }
            else
            {
                await ssl.AuthenticateAsClientAsync(_owner.Tls.Client(Remote.ServerName ?? Remote.Address.Address.ToString()), deadline.Token).ConfigureAwait(false);
            }

            Touch();
            return null;
        }
        catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
            var closing = !IsOpen;
            Close();
            if (!Inbound)
            {
                // An outbound connection that failed its handshake never starts receiving, which would free it.
                await _stream.DisposeAsync().ConfigureAwait(false);
            }

            if (closing)
            {
                return "connection to " + Remote + " is closed";
            }

            var timedOut = e is OperationCanceledException;
            _owner.Metrics.TlsHandshakeFailed(Inbound, timedOut);
            var cause = timedOut ? new TimeoutException($"no TLS handshake within {timeout.TotalMilliseconds:0} ms") : e;
            _owner.Faults.Warning("TLS handshake", cause, (Inbound ? "connection " + Local + " <- " : "connection to ") + Remote + ", closed");
            return "TLS handshake with " + Remote + " failed: " + cause.Message;
        }
    }

    /// <summary>Closes the socket; the receive loop then ends and the connection leaves its table.</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            _closing.Cancel();
            try
            {
                // A FIN after whatever was queued (e.g. the 400 before closing on garbage), not an abort.
                _socket.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Already reset by the peer.
            }

            _socket.Dispose();
        }
    }

    private async ValueTask<SendResult> WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (!IsOpen)
        {
            return SendResult.Failed("connection to " + Remote + " is closed");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
        timeout.CancelAfter(_owner.Settings.TcpSendTimeout);
        var locked = false;
        var writing = false;
        try
        {
            await _sendLock.WaitAsync(timeout.Token).ConfigureAwait(false);
            locked = true;
            writing = true;
            await _stream.WriteAsync(data, timeout.Token).ConfigureAwait(false);
            writing = false;
            Touch();
            return SendResult.Ok;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            var error = e switch
            {
                SocketException se => Remote.ViaTransport + " send to " + Remote + " failed: " + se.SocketErrorCode,
                IOException { InnerException: SocketException se } => Remote.ViaTransport + " send to " + Remote + " failed: " + se.SocketErrorCode,
                OperationCanceledException when IsOpen => Remote.ViaTransport + " send to " + Remote + " timed out",
                _ => "connection to " + Remote + " is closed",
            };

            // A message cut short leaves the stream unframeable for the peer: the connection cannot be used again.
            if (writing || e is not OperationCanceledException)
            {
                Close();
            }

            cancellationToken.ThrowIfCancellationRequested();
            return SendResult.Failed(error);
        }
        finally
        {
            if (locked)
            {
                _sendLock.Release();
            }
        }
    }

    private void Touch() => Volatile.Write(ref _lastActivity, Environment.TickCount64);

    private async Task ReceiveLoopAsync()
    {
        var maxMessageSize = _owner.Settings.MaxMessageSize;
        var buffer = new byte[Math.Min(InitialBufferSize, maxMessageSize)];
        var count = 0;
        try
        {
            if (Inbound && Remote.Protocol == SipProtocol.Tls && await HandshakeAsync().ConfigureAwait(false) is not null)
            {
                return;
            }

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
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The peer reset the connection, or it was closed locally (idle, shutdown, error): nothing more to do.
        }
        catch (Exception e)
        {
            // Whatever the peer provoked, it costs only this connection.
            _owner.Metrics.ReceiveFailed();
            _owner.Faults.Warning(Remote.ViaTransport + " receive", e, "connection " + Local + " <- " + Remote + ", closed");
        }
        finally
        {
            Close();
            _owner.OnClosed(this);

            // Frees the TLS session; a send still in flight then fails as on a closed socket.
            await _stream.DisposeAsync().ConfigureAwait(false);
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
