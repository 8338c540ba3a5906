using System.Buffers;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Authentication;
using ClusterSip.Sip.Messages;

namespace ClusterSip.Sip.Stack.Transport;

/// <summary>
/// One TCP connection, accepted or opened, with TLS layered on it for TLS and WSS, and WebSocket framing for WS and WSS
/// (TcpConnection.WebSocket.cs); otherwise the stream is framed as RFC 3261 18.3 says (TcpConnection.Framing.cs).
/// A receive loop, and serialized sends.
/// </summary>
internal sealed partial class TcpConnection
{
    private const int InitialBufferSize = 4096;

    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly TcpConnections _owner;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _closing = new();
    private long _lastActivity = Environment.TickCount64;
    private long _partialSince;
    private int _closed;

    /// <param name="remote">The peer; its protocol (TCP, TLS, WS or WSS) is the connection's.</param>
    public TcpConnection(Socket socket, SipEndPoint local, SipEndPoint remote, bool inbound, TcpConnections owner)
    {
        _socket = socket;
        _owner = owner;
        Stream network = new NetworkStream(socket, ownsSocket: false);
        Local = local;
        Remote = remote;
        Inbound = inbound;
        _stream = IsTls ? new SslStream(network, leaveInnerStreamOpen: false) : network;
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

    private bool IsTls => Remote.Protocol is SipProtocol.Tls or SipProtocol.Wss;

    private bool IsWebSocket => Remote.Protocol is SipProtocol.Ws or SipProtocol.Wss;

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
            // Counted and logged before the close, so that whoever sees the connection closed also sees why.
            string? failure = null;
            if (IsOpen)
            {
                var timedOut = e is OperationCanceledException;
                _owner.Metrics.TlsHandshakeFailed(Inbound, timedOut);
                var cause = timedOut ? new TimeoutException($"no TLS handshake within {timeout.TotalMilliseconds:0} ms") : e;
                _owner.Faults.Warning("TLS handshake", cause, (Inbound ? "connection " + Local + " <- " : "connection to ") + Remote + ", closed");
                failure = "TLS handshake with " + Remote + " failed: " + cause.Message;
            }

            Close();
            if (!Inbound)
            {
                // An outbound connection that failed its handshake never starts receiving, which would free it.
                await _stream.DisposeAsync().ConfigureAwait(false);
            }

            return failure ?? "connection to " + Remote + " is closed";
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
            if (_webSocket is { } webSocket)
            {
                await webSocket.SendAsync(data, WebSocketMessageType.Text, endOfMessage: true, timeout.Token).ConfigureAwait(false);
            }
            else
            {
                await _stream.WriteAsync(data, timeout.Token).ConfigureAwait(false);
            }

            writing = false;
            Touch();
            return SendResult.Ok;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException or WebSocketException)
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
        try
        {
            if (Inbound && IsTls && await HandshakeAsync().ConfigureAwait(false) is not null)
            {
                return;
            }

            if (!IsWebSocket)
            {
                await ReceiveFramesAsync().ConfigureAwait(false);
            }
            else if (await UpgradeAsync().ConfigureAwait(false))
            {
                await ReceiveWebSocketMessagesAsync().ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException or WebSocketException)
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
            _webSocket?.Dispose();
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }
}
