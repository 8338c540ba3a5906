using System.Net;
using System.Net.Sockets;

namespace ClusterSip.Sip.Stack.Transport;

/// <summary>One listening TCP socket (plain or TLS), handing accepted connections to the connection table.</summary>
internal sealed class TcpAcceptor : IDisposable
{
    private const int Backlog = 512;
    private static readonly TimeSpan ResourceBackOff = TimeSpan.FromMilliseconds(100);

    private readonly Socket _socket;
    private readonly TcpConnections _connections;

    private TcpAcceptor(Socket socket, SipProtocol protocol, TcpConnections connections)
    {
        _socket = socket;
        _connections = connections;
        Local = new SipEndPoint(protocol, (IPEndPoint)socket.LocalEndPoint!);
    }

    public SipEndPoint Local { get; }

    /// <param name="protocol">TCP, or TLS for connections that start with a TLS handshake.</param>
    public static TcpAcceptor Bind(IPEndPoint endPoint, SipProtocol protocol, TcpConnections connections)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endPoint.AddressFamily == AddressFamily.InterNetworkV6)
            {
                socket.DualMode = false;
            }

            // Lets a restarted node bind while connections of the previous run linger in TIME_WAIT.
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(endPoint);
            socket.Listen(Backlog);
            return new TcpAcceptor(socket, protocol, connections);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket accepted;
            try
            {
                accepted = await _socket.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException
                || e is SocketException { SocketErrorCode: SocketError.OperationAborted })
            {
                return;
            }
            catch (SocketException e)
            {
                if (e.SocketErrorCode is SocketError.TooManyOpenSockets or SocketError.NoBufferSpaceAvailable)
                {
                    // Out of descriptors or memory: accepting again at once would only spin.
                    await Task.Delay(ResourceBackOff, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }

                // Otherwise a connection was reset before it could be accepted.
                continue;
            }

            _connections.Accept(accepted, Local);
        }
    }

    public void Dispose() => _socket.Dispose();
}
