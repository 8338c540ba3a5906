using System.Buffers;
using System.Net;
using System.Net.Sockets;
using ClusterSip.Sip.Messages;

namespace ClusterSip.Sip.Stack.Transport;

/// <summary>One bound UDP socket: receives datagrams into the intake and sends from the listening address.</summary>
internal sealed class UdpChannel : IDisposable
{
    private readonly Socket _socket;
    private readonly MessageIntake _intake;
    private readonly TransportMetrics _metrics;
    private readonly int _maxMessageSize;

    private UdpChannel(Socket socket, MessageIntake intake, TransportMetrics metrics, int maxMessageSize)
    {
        _socket = socket;
        _intake = intake;
        _metrics = metrics;
        _maxMessageSize = maxMessageSize;
        Local = new SipEndPoint(SipProtocol.Udp, (IPEndPoint)socket.LocalEndPoint!);
    }

    public long Id { get; } = ConnectionIds.Next();

    public SipEndPoint Local { get; }

    public AddressFamily Family => Local.Address.AddressFamily;

    public static UdpChannel Bind(IPEndPoint endPoint, TransportSettings settings, MessageIntake intake, TransportMetrics metrics)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (endPoint.AddressFamily == AddressFamily.InterNetworkV6)
            {
                // Separate IPv4 and IPv6 listeners may share a port; IPv4-mapped sources would also spoil received.
                socket.DualMode = false;
            }

            socket.ReceiveBufferSize = settings.UdpReceiveBufferSize;
            socket.Bind(endPoint);
            return new UdpChannel(socket, intake, metrics, settings.MaxMessageSize);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public Task RunAsync(int loops, CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, loops).Select(_ => ReceiveLoopAsync(cancellationToken)));

    public async ValueTask<SendResult> SendAsync(SipMessage message, IPEndPoint destination, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(message.GetByteCount());
        try
        {
            var length = message.WriteTo(buffer);
            await _socket.SendToAsync(buffer.AsMemory(0, length), SocketFlags.None, destination, cancellationToken).ConfigureAwait(false);
            _metrics.Sent(SipProtocol.Udp, message.IsRequest);
            return SendResult.Ok;
        }
        catch (SocketException e)
        {
            _metrics.SendFailed(SipProtocol.Udp);
            return SendResult.Failed("UDP send to " + destination + " failed: " + e.SocketErrorCode);
        }
        catch (ObjectDisposedException)
        {
            _metrics.SendFailed(SipProtocol.Udp);
            return SendResult.Failed("the transport is closed");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Dispose() => _socket.Dispose();

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        // One byte more than accepted, so that an oversized datagram shows as such rather than truncated.
        var buffer = GC.AllocateUninitializedArray<byte>(Math.Min(_maxMessageSize, 65535) + 1);
        EndPoint any = new IPEndPoint(Family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!cancellationToken.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException
                || e is SocketException { SocketErrorCode: SocketError.OperationAborted })
            {
                return;
            }
            catch (SocketException)
            {
                // An ICMP error for an earlier send may surface here (e.g. connection reset); the socket still works.
                continue;
            }

            try
            {
                await HandleAsync(buffer.AsMemory(0, received.ReceivedBytes), (IPEndPoint)received.RemoteEndPoint, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception)
            {
                // Whatever one datagram provokes, the listener must keep serving the others.
                _metrics.ReceiveFailed();
            }
        }
    }

    private async ValueTask HandleAsync(ReadOnlyMemory<byte> datagram, IPEndPoint source, CancellationToken cancellationToken)
    {
        // CRLF keep-alives over UDP (sent by many UAs, though RFC 5626 4.4.2 uses STUN there) are ignored.
        if (datagram.Span.IndexOfAnyExcept("\r\n "u8) < 0)
        {
            return;
        }

        SipResponse? reply;
        if (datagram.Length > _maxMessageSize)
        {
            _metrics.Malformed(SipProtocol.Udp, MalformedReason.TooLarge);
            reply = ErrorResponses.TooLarge(datagram.ToArray());
        }
        else
        {
            reply = _intake.Accept(datagram.ToArray(), Local, new SipEndPoint(SipProtocol.Udp, source), Id)?.Response;
        }

        // An error response goes straight back to the source: the Via it would otherwise be routed by may be what is broken.
        if (reply is not null)
        {
            await SendAsync(reply, source, cancellationToken).ConfigureAwait(false);
        }
    }
}
