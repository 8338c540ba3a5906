using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using ClusterSip.Sip.Framing;
using ClusterSip.Sip.Messages;
using ClusterSip.Sip.Parsing;
using Xunit;

namespace ClusterSip.Tests.Support;

/// <summary>A TCP connection on loopback playing a remote SIP element, with TLS over it when made so.</summary>
public sealed class TcpPeer : IDisposable
{
    /// <summary>How long a read or connect waits for something that should happen at once; generous for loaded CI machines.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    private readonly byte[] _buffer = new byte[1 << 17];
    private SslStream? _tls;
    private int _count;

    public TcpPeer(Socket socket)
    {
        Socket = socket;
        Socket.NoDelay = true;
    }

    public Socket Socket { get; }

    public static async Task<TcpPeer> ConnectAsync(IPEndPoint to)
    {
        var socket = new Socket(to.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(Bound);
        await socket.ConnectAsync(to, timeout.Token);
        return new TcpPeer(socket);
    }

    /// <summary>Connects and completes a TLS handshake as a client.</summary>
    public static async Task<TcpPeer> ConnectTlsAsync(IPEndPoint to, SslClientAuthenticationOptions options)
    {
        var peer = await ConnectAsync(to);
        try
        {
            await peer.AuthenticateAsync(options);
            return peer;
        }
        catch
        {
            peer.Dispose();
            throw;
        }
    }

    /// <summary>Completes a TLS handshake as a client on this connection.</summary>
    public async Task AuthenticateAsync(SslClientAuthenticationOptions options)
    {
        _tls = new SslStream(new NetworkStream(Socket, ownsSocket: false));
        using var timeout = new CancellationTokenSource(Bound);
        await _tls.AuthenticateAsClientAsync(options, timeout.Token);
    }

    /// <summary>Completes a TLS handshake as a server on this (accepted) connection.</summary>
    public async Task AuthenticateAsServerAsync(SslServerAuthenticationOptions options)
    {
        _tls = new SslStream(new NetworkStream(Socket, ownsSocket: false));
        using var timeout = new CancellationTokenSource(Bound);
        await _tls.AuthenticateAsServerAsync(options, timeout.Token);
    }

    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendAsync(byte[] data)
    {
        if (_tls is not null)
        {
            await _tls.WriteAsync(data);
            return;
        }

        var sent = 0;
        while (sent < data.Length)
        {
            sent += await Socket.SendAsync(data.AsMemory(sent), SocketFlags.None);
        }
    }

    public async Task<SipMessage> ReadMessageAsync()
    {
        while (true)
        {
            var frame = SipFraming.Frame(_buffer.AsSpan(0, _count), _buffer.Length);
            if (frame.Kind == FrameKind.Message)
            {
                var message = SipParser.Parse(_buffer.AsSpan(0, frame.Length));
                Consume(frame.Length);
                return message;
            }

            Assert.Equal(FrameKind.Incomplete, frame.Kind);
            if (await ReceiveAsync() == 0)
            {
                throw new IOException("the connection closed before a whole message arrived");
            }
        }
    }

    public async Task<byte[]> ReadBytesAsync(int length)
    {
        while (_count < length)
        {
            if (await ReceiveAsync() == 0)
            {
                throw new IOException("the connection closed early");
            }
        }

        var bytes = _buffer.AsSpan(0, length).ToArray();
        Consume(length);
        return bytes;
    }

    /// <summary>True once the other side has closed the connection (orderly or reset); false if more data came.</summary>
    public async Task<bool> IsClosedAsync()
    {
        try
        {
            return await ReceiveAsync() == 0;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return true;
        }
        catch (IOException) when (_tls is not null)
        {
            // TLS over a connection closed without close_notify, or refused after the handshake (TLS 1.3 client certificates).
            return true;
        }
    }

    /// <summary>True when the other side has closed the connection, or closes it within <paramref name="wait"/>; false while it stays open and silent.</summary>
    public async Task<bool> IsClosedWithinAsync(TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            return await Socket.ReceiveAsync(new byte[1], SocketFlags.Peek, timeout.Token) == 0;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return true;
        }
    }

    public void Dispose()
    {
        _tls?.Dispose();
        Socket.Dispose();
    }

    private async Task<int> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(Bound);
        var received = _tls is not null
            ? await _tls.ReadAsync(_buffer.AsMemory(_count), timeout.Token)
            : await Socket.ReceiveAsync(_buffer.AsMemory(_count), SocketFlags.None, timeout.Token);
        _count += received;
        return received;
    }

    private void Consume(int length)
    {
        _count -= length;
        Buffer.BlockCopy(_buffer, length, _buffer, 0, _count);
    }
}
